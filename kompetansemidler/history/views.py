"""The history page of one object: read-only, open exactly when the object's
own page is (``visibility.object_visible``), and then scoped by
``events_visible_to``."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kompetansemidler.accounts.policy import deny, ensure, has_any_role, permission_required
from kompetansemidler.core.paging import paginate

from .models import Event
from .permissions import can_view_object_history
from .selectors import events_visible_to
from .visibility import object_visible

REASON_OBJECT_HIDDEN = _("You do not have access to this case, so not to its history either.")

PAGE_SIZE = 50


@require_GET
@permission_required(has_any_role)
def object_history(request, app_label, model, object_id):
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        raise Http404("No such kind of object.") from None
    # The object's own page decides first: a model without a registered
    # selector, or an object its page would hide, shows no history at all.
    if not object_visible(request.user, content_type.model_class(), object_id):
        ensure(deny(REASON_OBJECT_HIDDEN))
    about = {"content_type": content_type, "object_id": object_id}
    all_events = Event.objects.filter(**about)
    if not all_events.exists():
        raise Http404("No history for this object.")
    visible = events_visible_to(request.user).filter(**about)
    ensure(can_view_object_history(visible, all_events))
    paging = paginate(request, visible.select_related("actor"), PAGE_SIZE)
    return render(
        request,
        "history/object.html",
        {
            "paging": paging,
            "events": paging.rows,
            "object_repr": visible.first().object_repr,
        },
    )
