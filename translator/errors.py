"""The one exception type the command line turns into a one-line message and a non-zero exit."""


class Emacs2clError(Exception):
    """A failure the user can act on; str() is the whole message, on one line."""
