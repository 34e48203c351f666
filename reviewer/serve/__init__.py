"""`reviewer serve`: the review report as one live page for a team of editors.

Layers, from the file system out:

- `served`: which review files are served, under which URL key (no request
  path ever reaches the file system: keys are looked up in a table made at
  start-up), and the version of a review file;
- `decisions`: decisions from a page, taken with the store's lock and the
  same validation as `reviewer decide`, refused as a conflict when the
  suggestion changed since the page saw it;
- `site`: the application (pages, decisions, Re-check, Apply, watching the
  files) without HTTP; `events`: the server-sent event streams;
- `jobs` and `worker`: Re-check and Apply, the pipelines of `reviewer review`
  and `reviewer apply` (reviewer.review), run in the one thread that owns
  LanguageTool;
- `security`: token, cookie, Host and Origin checks and response headers;
- `app` and `runner`: Starlette routes and the uvicorn server.

The server keeps no state of its own: every answer is read from the review
files, every decision written to them at once.
"""
