"""Stage 2: one model call per article (instructor), the batch that schedules them, the
prompt and its size, splitting long articles, and extracting a wire copy once."""
