"""The performance benchmark of issue 9: ``make bench`` (see bench/run.py and README «Производительность»)."""
