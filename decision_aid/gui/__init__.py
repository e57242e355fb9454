"""The Qt consultation window, built on :mod:`decision_aid.core`."""
