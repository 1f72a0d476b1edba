"""Event coding: trigger patterns over the dependency parse -> CAMEO/PLOVER events."""
