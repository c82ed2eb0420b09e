"""The one exception hierarchy of newsprism.

Every error a user can cause (a bad file, a bad option, an unreadable database)
is a :class:`NewsprismError`. Only ``newsprism.cli`` turns these into messages;
library code raises them and never prints.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """One input (a file, or a record inside a container file) cannot be used.

    ``source`` names the file (or ``PATH#KEY``) and ``reason`` says why, in words
    a user can act on. The batch goes on without it.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Pickled to and from worker processes and Dask: the default rebuild
        # passes the one formatted message to a two-argument constructor.
        return (InputError, (self.source, self.reason))


class StorageError(NewsprismError):
    """The database cannot be opened, read or written."""


class NotFoundError(NewsprismError):
    """A story or article id that the store does not hold."""
