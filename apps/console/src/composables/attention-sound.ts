/**
 * The console's sounds, generated with Web Audio (no audio files): a telephone ring (two short
 * bursts of 440+480 Hz, repeated every 3 s while it lasts), a chime for a notice (two rising
 * notes), and an alarm (three sharp beeps) for supervision.
 */
export const ATTENTION_SOUNDS = { ring: 'ring', chime: 'chime', alarm: 'alarm' } as const;
export type AttentionSound = (typeof ATTENTION_SOUNDS)[keyof typeof ATTENTION_SOUNDS];

/** One tone: frequencies played together, start offset and length in seconds. */
interface Tone {
  freqs: number[];
  at: number;
  length: number;
}

const PATTERNS: Record<AttentionSound, { tones: Tone[]; cycleMs: number }> = {
  ring: {
    tones: [
      { freqs: [440, 480], at: 0, length: 0.4 },
      { freqs: [440, 480], at: 0.6, length: 0.4 },
    ],
    cycleMs: 3000,
  },
  chime: {
    tones: [
      { freqs: [880], at: 0, length: 0.15 },
      { freqs: [1320], at: 0.16, length: 0.35 },
    ],
    cycleMs: 2000,
  },
  alarm: {
    tones: [
      { freqs: [988], at: 0, length: 0.18 },
      { freqs: [988], at: 0.28, length: 0.18 },
      { freqs: [988], at: 0.56, length: 0.18 },
    ],
    cycleMs: 2500,
  },
};

/** Plays a sound once or until stopped; the returned function stops it. */
export type SoundPlayer = (sound: AttentionSound, repeat: boolean) => () => void;

const VOLUME = 0.12;

function scheduleTone(context: AudioContext, tone: Tone, start: number): void {
  const gain = context.createGain();
  gain.connect(context.destination);
  const begin = start + tone.at;
  const end = begin + tone.length;
  gain.gain.setValueAtTime(0.0001, begin);
  gain.gain.exponentialRampToValueAtTime(VOLUME, begin + 0.02);
  gain.gain.setValueAtTime(VOLUME, end - 0.04);
  gain.gain.exponentialRampToValueAtTime(0.0001, end);
  for (const freq of tone.freqs) {
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.value = freq;
    oscillator.connect(gain);
    oscillator.start(begin);
    oscillator.stop(end);
  }
}

/**
 * A player on one AudioContext. Browsers let a page start audio only after the person has
 * interacted with it (autoplay policy; Chromium warns otherwise), so the context is created
 * on the first click or key press and a sound asked for before that is skipped.
 */
export function createWebAudioPlayer(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): SoundPlayer {
  let context: AudioContext | null = null;
  const unlock = () => {
    if (!context && typeof AudioContext === 'function') context = new AudioContext();
    if (context?.state === 'suspended') void context.resume();
    target.removeEventListener('pointerdown', unlock, true);
    target.removeEventListener('keydown', unlock, true);
  };
  target.addEventListener('pointerdown', unlock, true);
  target.addEventListener('keydown', unlock, true);

  return (sound, repeat) => {
    const ctx = context;
    if (!ctx || ctx.state !== 'running') return () => {};
    const pattern = PATTERNS[sound];
    const play = () => {
      for (const tone of pattern.tones) scheduleTone(ctx, tone, ctx.currentTime + 0.01);
    };
    play();
    if (!repeat) return () => {};
    const timer = setInterval(play, pattern.cycleMs);
    return () => clearInterval(timer);
  };
}
