"""A round opened after a multi-year decision was issued gets that decision's
commitment at once, so the new round shows the money as committed from the
start. (Schemes may not import decisions; the dependency runs the other way.)"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from kompetansemidler.schemes.models import Round

from .services import commitments_sync


@receiver(post_save, sender=Round, dispatch_uid="decisions_commitments_for_new_round")
def commit_to_new_round(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        commitments_sync(actor=instance.created_by, round_=instance)
