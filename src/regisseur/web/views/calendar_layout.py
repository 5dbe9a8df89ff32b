"""Where each interview goes on the calendar grid: pure arithmetic, no queries (issue 9).

The grid has one row per five minutes of wall-clock time in the viewer's zone, so an
interview at 09:00 sits at 09:00 on both sides of a daylight-saving change. Interviews
that overlap form a cluster; inside it each gets a lane, side by side, and widens into
lanes that stay free for its whole time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

ROW_MINUTES = 5
ROWS_PER_HOUR = 60 // ROW_MINUTES
SLOT_MINUTES = 30
FIRST_HOUR = 7
LAST_HOUR = 20
# The stylesheet has placement classes up to these numbers (see calendar.css).
MAX_LANES = 48
MAX_ROWS = 24 * ROWS_PER_HOUR


@dataclass
class Block:
    """One interview (or one group interview) as a block on the grid."""

    interview: Any
    starts: datetime
    ends: datetime
    group_size: int = 0
    start_minute: int = 0
    end_minute: int = 0
    lane: int = 0
    width: int = 1
    row: int = 1
    span: int = 1


@dataclass
class Cluster:
    """Blocks that overlap one another, directly or through others: they share the width of the day."""

    blocks: list[Block] = field(default_factory=list)
    start_minute: int = 0
    end_minute: int = 0
    row: int = 1
    span: int = 1


def local_blocks(interviews: list[Any], zone: tzinfo) -> list[Block]:
    """One block per interview, a group interview once with its number of candidates."""
    blocks: list[Block] = []
    groups: dict[int, Block] = {}
    for interview in interviews:
        if interview.group_id is not None and interview.group_id in groups:
            groups[interview.group_id].group_size += 1
            continue
        starts = interview.starts_at.astimezone(zone)
        block = Block(interview, starts, starts + timedelta(minutes=interview.duration_minutes))
        if interview.group_id is not None:
            block.group_size = 1
            groups[interview.group_id] = block
        blocks.append(block)
    return blocks


def hour_range(blocks: list[Block]) -> tuple[int, int]:
    """07:00 to 20:00, widened to whole hours around any interview outside it."""
    first, last = FIRST_HOUR, LAST_HOUR
    for block in blocks:
        first = min(first, block.starts.hour)
        end_minute = _minute_of_day(block.starts) + block.interview.duration_minutes
        last = max(last, min(24, -(-end_minute // 60)))
    return first, last


def _minute_of_day(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def by_day(blocks: list[Block], days: list[date]) -> dict[date, list[Block]]:
    result: dict[date, list[Block]] = {day: [] for day in days}
    for block in blocks:
        if block.starts.date() in result:
            result[block.starts.date()].append(block)
    return result


def clusters(blocks: list[Block], first_hour: int, last_hour: int) -> list[Cluster]:
    """The day's blocks in clusters, each block with its grid row, lane and width."""
    origin = first_hour * 60
    limit = last_hour * 60
    for block in blocks:
        block.start_minute = _minute_of_day(block.starts)
        block.end_minute = min(limit, block.start_minute + block.interview.duration_minutes)
    ordered = sorted(blocks, key=lambda item: (item.start_minute, -item.end_minute, item.interview.pk))
    result: list[Cluster] = []
    for block in ordered:
        if not result or block.start_minute >= result[-1].end_minute:
            result.append(Cluster(start_minute=block.start_minute, end_minute=block.end_minute))
        cluster = result[-1]
        cluster.blocks.append(block)
        cluster.end_minute = max(cluster.end_minute, block.end_minute)
    for cluster in result:
        _assign_lanes(cluster.blocks)
        cluster.row = _row(cluster.start_minute - origin)
        cluster.span = _span(cluster.end_minute - cluster.start_minute)
        for block in cluster.blocks:
            block.row = _row(block.start_minute - cluster.start_minute)
            block.span = _span(block.end_minute - block.start_minute)
    return result


def _row(minutes: int) -> int:
    return min(MAX_ROWS, max(0, minutes) // ROW_MINUTES + 1)


def _span(minutes: int) -> int:
    return min(MAX_ROWS, max(1, -(-minutes // ROW_MINUTES)))


def _assign_lanes(blocks: list[Block]) -> None:
    """Each block the first lane free at its start, then as wide as the lanes to its right allow."""
    lane_ends: list[int] = []
    for block in blocks:
        for lane, end in enumerate(lane_ends):
            if end <= block.start_minute:
                block.lane = lane
                lane_ends[lane] = block.end_minute
                break
        else:
            block.lane = len(lane_ends)
            lane_ends.append(block.end_minute)
    in_lane: list[list[Block]] = [[] for _ in lane_ends]
    for block in blocks:
        in_lane[block.lane].append(block)
    for block in blocks:
        width = 1
        while block.lane + width < len(in_lane) and not any(
            other.start_minute < block.end_minute and other.end_minute > block.start_minute
            for other in in_lane[block.lane + width]
        ):
            width += 1
        block.width = width
        # Beyond the stylesheet's classes the last lanes share the last column.
        block.lane = min(block.lane, MAX_LANES - 1)
        block.width = min(block.width, MAX_LANES - block.lane)
