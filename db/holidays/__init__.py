"""The holiday calendar a center keeps: editing it, Excel in and out, the start warning."""
