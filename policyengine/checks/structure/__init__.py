"""PE001-PE009: a policy that cannot be read as written. The loader, the schema, the builder, the
rule compiler and the suppression scanner report these codes; their definitions live here, in the
same form as every other check's."""
