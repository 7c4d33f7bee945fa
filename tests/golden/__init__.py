"""Golden outputs: what the commands print for the bundled policy, the examples and bad input.

`cases.py` lists the commands; `out/` holds what they printed when the files were last written
(`python -m tests.golden.update`); `tests/test_golden.py` runs them again and compares byte for byte.
"""
