"""Test programs and their clocks (``/v1/program/clock``, ``/v1/program/reset``)."""
