import { describe, expect, it } from 'vitest';
import { EventLoopLagMonitor, LagHistory } from './event-loop-lag.js';
import { busyLoop } from './test-target.js';

describe('LagHistory', () => {
  it('records a late tick as a stall from when it was due until it came', () => {
    const history = new LagHistory({ startMs: 0, intervalMs: 20 });
    history.tick(20);
    history.tick(41); // 1 ms late: jitter, not a stall
    history.tick(261); // due at 61, came 200 ms late
    history.tick(281);
    expect(history.worstLagMs({ fromMs: 0, toMs: 60 }, 281)).toBe(0);
    expect(history.worstLagMs({ fromMs: 50, toMs: 300 }, 281)).toBe(200);
    // Only the part of a stall inside the window could delay anything in it.
    expect(history.worstLagMs({ fromMs: 100, toMs: 150 }, 281)).toBe(50);
    expect(history.worstLagMs({ fromMs: 251, toMs: 281 }, 281)).toBe(10);
    expect(history.worstLagMs({ fromMs: 262, toMs: 281 }, 281)).toBe(0);
  });

  it('counts a stall still going on: a tick overdue when the run is judged', () => {
    const history = new LagHistory({ startMs: 0, intervalMs: 20 });
    history.tick(20);
    // The run ended at 180 and is judged at once; the tick due at 40 has not come yet.
    expect(history.worstLagMs({ fromMs: 30, toMs: 180 }, 180)).toBe(140);
    expect(history.worstLagMs({ fromMs: 10, toMs: 35 }, 180)).toBe(0);
  });

  it('forgets stalls older than it keeps', () => {
    const history = new LagHistory({ startMs: 0, intervalMs: 20, retainMs: 1_000 });
    history.tick(500); // a 480 ms stall
    expect(history.worstLagMs({ fromMs: 0, toMs: 500 }, 500)).toBe(480);
    history.tick(520);
    history.tick(2_000);
    history.tick(2_020);
    expect(history.worstLagMs({ fromMs: 0, toMs: 500 }, 2_020)).toBe(0);
  });
});

describe('EventLoopLagMonitor', () => {
  it('watches only while a run asks it to', () => {
    const monitor = new EventLoopLagMonitor();
    busyLoop(150); // nobody watching: nothing to report, nothing kept
    const release = monitor.watch();
    const fromMs = monitor.now();
    busyLoop(150);
    expect(monitor.worstLagMs(fromMs, monitor.now())).toBeGreaterThanOrEqual(100);
    release();
    release(); // twice is once
    expect(monitor.worstLagMs(0, monitor.now())).toBe(0);
    const again = monitor.watch();
    expect(monitor.worstLagMs(0, monitor.now())).toBeLessThan(20);
    again();
  });

  it('sees a synchronous stall of this thread, and nothing on a free loop', async () => {
    const monitor = new EventLoopLagMonitor();
    monitor.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const quietFrom = monitor.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(monitor.worstLagMs(quietFrom, monitor.now())).toBeLessThan(50);
      const stalledFrom = monitor.now();
      busyLoop(200);
      expect(monitor.worstLagMs(stalledFrom, monitor.now())).toBeGreaterThanOrEqual(150);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(monitor.worstLagMs(stalledFrom, monitor.now())).toBeGreaterThanOrEqual(150);
    } finally {
      monitor.stop();
    }
  });
});
