"""Tables in and out: reading the lists civil servants publish as spreadsheets, Word tables and CSV
(`policyengine import`), and where each value came from (`cells`)."""
