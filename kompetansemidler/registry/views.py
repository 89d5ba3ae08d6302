from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import County, GovernorOffice, Municipality, Organisation, Unit


@login_required
def index(request):
    counts = {
        "offices": GovernorOffice.objects.count(),
        "counties": County.objects.count(),
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "units": Unit.objects.count(),
    }
    return render(request, "registry/index.html", {"counts": counts})
