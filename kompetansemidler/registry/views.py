from django.shortcuts import render

from kompetansemidler.accounts.policy import permission_required

from .models import County, GovernorOffice, Municipality, Organisation, Unit
from .permissions import can_view_registry


@permission_required(can_view_registry)
def index(request):
    counts = {
        "offices": GovernorOffice.objects.count(),
        "counties": County.objects.count(),
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "units": Unit.objects.count(),
    }
    return render(request, "registry/index.html", {"counts": counts})
