"""Who did it, as a record stores it."""


def stored_actor(actor):
    """``actor`` when it is a logged-in user, otherwise None: the system (a task, a
    command, the demo) or an anonymous request is recorded as no one."""
    return actor if getattr(actor, "is_authenticated", False) else None
