"""Daily roll-ups of the statistics: built from the raw rows (`build`), kept up to date by a
catch-up driven by the change log, checked against the raw rows (`verify`), and read by the
figures for past days with today and the days touched by a late change computed live (`read`)."""
