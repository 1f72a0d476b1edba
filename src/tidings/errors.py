"""User-facing errors. Each message names the input and the reason on one line."""


class TidingsError(Exception):
    """Base class for errors caused by user input or configuration."""


class InputError(TidingsError):
    """An input (file, line, record) could not be read as an article."""

    def __init__(self, origin: str, reason: str):
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class CodingError(InputError):
    """An article could not be coded; reported per article so that the run goes on."""


class DictionaryError(TidingsError):
    """A dictionary file has a malformed entry."""

    def __init__(self, path: str, line: int, reason: str):
        self.path = path
        self.line = line
        self.reason = reason
        super().__init__(f"{path}:{line}: {reason}")


class ModelNotFoundError(TidingsError):
    """No spaCy English model is installed under the names Tidings looks for."""
