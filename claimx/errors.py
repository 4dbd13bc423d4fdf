"""Error and warning messages with stable codes, in the manner of spaCy's ``Errors``.

Codes let users search for a message and let tests assert on the failure, not its wording.
"""

from __future__ import annotations


class Errors:
    E001 = "[E001] The claimx data folder {path} does not exist."
    E002 = "[E002] No claimx data folder found (looked in: {paths}). Reinstall claimx."
    E003 = "[E003] Could not read claimx data file {path}: {error}"
    E010 = "[E010] claimx.extract() expects `text` to be str, got {type}."
    E011 = (
        "[E011] `published` must be a date, a datetime or an ISO 8601 string such as "
        "'2025-11-12', got {value!r}."
    )
    E012 = "[E012] `published` must be a date, a datetime, an ISO 8601 string or None, got {type}."
    E020 = (
        "[E020] The '{name}' component needs the '{needed}' component before it in the "
        "pipeline. Add it with nlp.add_pipe('{needed}', before='{name}')."
    )
    E030 = "[E030] Record {index} has no text: expected a str or a mapping with a '{field}' field."
    E031 = (
        "[E031] A per-record timeout runs records in a child process, and this process is "
        "daemonic, so it cannot start one (Dask workers are, by default). Start the Dask "
        "workers with the config 'distributed.worker.daemon: False' "
        "(DASK_DISTRIBUTED__WORKER__DAEMON=False), or pass no timeout."
    )


class Warnings:
    W001 = (
        "[W001] The pipeline has no sentence boundaries; claimx added none. Add a "
        "'sentencizer' or a parser before 'claimx_claims' for sentence-level claims."
    )
