"""Settled reports parked in a temporary file while a build reads the rest of its input.

The cross-article merge can only run once the input has ended, and a report with its mentions costs a few
kilobytes of memory: 24,000 of them would hold 100 MiB until then. A build keeps a small
:class:`incidents.merge.ReportKey` per report in memory and the report itself here, pickled, and reads it
back by offset when its row is made.

The file is anonymous (``tempfile.TemporaryFile``: on Linux it has no name in the folder at all) and is
gone when closed, when the process ends, or when it is killed.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from types import TracebackType

from incidents.merge import Report

__all__ = ["ReportSpill"]


class ReportSpill:
    """Reports written once and read back by the offset :meth:`put` returned.

    Parameters
    ----------
    directory
        Folder of the temporary file; by default the system's (``TMPDIR``, see :mod:`tempfile`).

    Examples
    --------
    >>> with ReportSpill() as spill:                   # doctest: +SKIP
    ...     offset = spill.put(report)
    ...     spill.get(offset) == report
    True
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        # closed by close() or the with block, not here: the file outlives this call
        self._file = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        self._end = 0
        self._writing = True  # where the file position is: at the end (after a put) or anywhere (after a get)

    @property
    def size(self) -> int:
        """Bytes written so far."""
        return self._end

    @property
    def closed(self) -> bool:
        """Whether the file is closed (and so deleted)."""
        return self._file.closed

    def put(self, report: Report) -> int:
        """Park a report; returns the offset to read it back with."""
        if not self._writing:
            self._file.seek(self._end)
            self._writing = True
        data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        offset = self._end
        self._end += len(data)
        return offset

    def get(self, offset: int) -> Report:
        """The report parked at ``offset``."""
        if self._writing:
            self._file.flush()
            self._writing = False
        self._file.seek(offset)
        # unpickling is safe here: the file is this process's own, anonymous, and never another's
        report = pickle.load(self._file)
        if not isinstance(report, Report):
            msg = f"No report at offset {offset} of the spill file."
            raise ValueError(msg)
        return report

    def close(self) -> None:
        """Close and so delete the file; closing twice is harmless."""
        self._file.close()

    def __enter__(self) -> ReportSpill:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
