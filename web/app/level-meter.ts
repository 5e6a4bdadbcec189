/**
 * The microphone's level while the stage is listening, so the person sees they are heard. It reads its own capture
 * of the microphone (browsers share the device), so the recognisers stay as they are; a failure here shows nothing,
 * since the recogniser reports microphone problems itself.
 */
export class LevelMeter {
  private stopping: (() => void) | undefined;

  constructor(private readonly meter: HTMLMeterElement) {}

  start(): void {
    if (this.stopping) return;
    let stopped = false;
    let release = () => {};
    this.stopping = () => {
      stopped = true;
      release();
    };
    this.meter.hidden = false;
    void (async () => {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        const context = new AudioContext();
        release = () => {
          for (const track of stream.getTracks()) track.stop();
          void context.close();
        };
        if (stopped) return release();
        const analyser = context.createAnalyser();
        analyser.fftSize = 1024;
        context.createMediaStreamSource(stream).connect(analyser);
        const samples = new Float32Array(analyser.fftSize);
        const tick = () => {
          if (stopped) return;
          analyser.getFloatTimeDomainData(samples);
          let sum = 0;
          for (const sample of samples) sum += sample * sample;
          // Speech sits around -30 to -10 dBFS: map -60…0 dB onto the meter.
          const decibels = 10 * Math.log10(sum / samples.length + 1e-10);
          this.meter.value = Math.min(1, Math.max(0, (decibels + 60) / 60));
          requestAnimationFrame(tick);
        };
        tick();
      } catch {
        // No level to show; the recogniser says what is wrong with the microphone.
      }
    })();
  }

  stop(): void {
    this.stopping?.();
    this.stopping = undefined;
    this.meter.value = 0;
    this.meter.hidden = true;
  }
}
