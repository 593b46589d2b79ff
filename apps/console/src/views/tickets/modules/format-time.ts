/** Kept for the ticket views' imports: the console's one time format lives in `#/utils/format-time`. */
export { formatTime, type TimeStyle } from '#/utils/format-time';
