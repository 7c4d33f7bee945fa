"""The rule language: a lark grammar, a typed syntax tree, and a compiler to Python callables.

Rules never run Python: the compiler maps each syntax node onto a closure over a fixed set of
operations, and a rule can reach only the policy facts the type table names.
"""
