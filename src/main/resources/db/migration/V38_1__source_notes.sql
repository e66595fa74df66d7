-- The last error and the warnings of a source as message kinds with their values (JSON, see
-- article/SourceNotesJson), so that the admin pages say them in the reader's language.
-- last_error and last_warning keep the English text (collect's output, the API, rows from before).
ALTER TABLE source ADD COLUMN last_error_note VARCHAR(8000);
ALTER TABLE source ADD COLUMN last_warning_notes VARCHAR(8000);
