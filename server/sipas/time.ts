/**
 * The local time keys of SIPAS counts (issue #14): Vietnam is UTC+7 all year (no summer time),
 * so a day, an hour and a 10-minute slot are read off the UTC time moved by seven hours.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export interface VietnamTime {
  /** 'YYYY-MM-DD' */
  day: string;
  /** 'YYYY-MM-DDTHH' */
  hour: string;
  /** 'YYYY-MM-DDTHH:M0', the 10-minute slot */
  slot: string;
}

export function vietnamTime(now: Date): VietnamTime {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return {
    day: local.slice(0, 10),
    hour: local.slice(0, 13),
    slot: `${local.slice(0, 15)}0`,
  };
}
