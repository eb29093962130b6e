import { expect } from '@open-wc/testing';
import { AlarmController } from '../../components/controllers/alarm.js';
import { PageVisibilityController } from '../../components/controllers/page-visibility.js';
import { RefreshTimerController } from '../../components/controllers/refresh-timer.js';
import { Backoff } from '../../components/public-viewer/backoff.js';
import { RetryController } from '../../components/public-viewer/retry-controller.js';
import { FakeClock, FakeHost, setVisibility } from './fake-clock.js';

// The public viewer's timers (issue 15) live in reactive controllers; these tests drive them with a fake clock and a
// host without an element. The viewer's own tests run them for real against the server.

let clock: FakeClock;
beforeEach(() => {
  clock = new FakeClock().install();
});
afterEach(() => clock.uninstall());

describe('PageVisibilityController', () => {
  it('reports the page hidden and shown again while the host is connected, and nothing after', () => {
    const host = new FakeHost();
    const seen: boolean[] = [];
    const visibility = new PageVisibilityController(host, (visible) => seen.push(visible));
    setVisibility(false);
    expect(seen, 'not connected yet').to.deep.equal([]);
    host.connect();
    expect(visibility.visible).to.equal(false);
    setVisibility(true);
    setVisibility(false);
    expect(seen).to.deep.equal([true, false]);
    host.disconnect();
    setVisibility(true);
    expect(seen).to.deep.equal([true, false]);
    expect(visibility.visible).to.equal(true);
  });
});

describe('AlarmController', () => {
  const setUp = () => {
    const host = new FakeHost();
    let rings = 0;
    const alarm = new AlarmController(host, () => (rings += 1));
    host.connect();
    return { host, alarm, rings: () => rings };
  };

  it('rings once at the time set; a new time replaces the old one; 0 and NaN turn it off', () => {
    const { alarm, rings } = setUp();
    alarm.set(clock.now + 5000);
    clock.tick(4999);
    expect(rings()).to.equal(0);
    clock.tick(1);
    expect(rings()).to.equal(1);
    expect(alarm.at, 'off once rung').to.equal(0);
    clock.tick(60_000);
    expect(rings()).to.equal(1);

    alarm.set(clock.now + 1000);
    alarm.set(clock.now + 3000);
    clock.tick(2000);
    expect(rings()).to.equal(1);
    clock.tick(1000);
    expect(rings()).to.equal(2);

    alarm.set(clock.now + 1000);
    alarm.set(0);
    alarm.set(clock.now + 1000);
    alarm.set(Number.NaN);
    clock.tick(5000);
    expect(rings()).to.equal(2);
    expect(clock.pending).to.equal(0);
  });

  it('rings at once for a time already past', () => {
    const { alarm, rings } = setUp();
    alarm.set(clock.now - 1000);
    clock.tick(0);
    expect(rings()).to.equal(1);
  });

  it('waits while the page is hidden and rings as soon as it shows if the time has passed', () => {
    const { alarm, rings } = setUp();
    alarm.set(clock.now + 1000);
    setVisibility(false);
    clock.tick(5000);
    expect(rings()).to.equal(0);
    expect(clock.pending, 'no timer while hidden').to.equal(0);
    setVisibility(true);
    clock.tick(0);
    expect(rings()).to.equal(1);

    alarm.set(clock.now + 10_000);
    setVisibility(false);
    clock.tick(4000);
    setVisibility(true);
    clock.tick(5999);
    expect(rings(), 'not before its time').to.equal(1);
    clock.tick(1);
    expect(rings()).to.equal(2);
  });

  it('clears its timer when the host is disconnected and, connected again, rings if the time has passed', () => {
    const { host, alarm, rings } = setUp();
    alarm.set(clock.now + 1000);
    host.disconnect();
    expect(clock.pending).to.equal(0);
    clock.tick(2000);
    expect(rings()).to.equal(0);
    host.connect();
    clock.tick(0);
    expect(rings()).to.equal(1);
  });

  it('waits longer than setTimeout can in steps (a session of more than 24.8 days)', () => {
    const { alarm, rings } = setUp();
    const day = 24 * 3600 * 1000;
    alarm.set(clock.now + 30 * day);
    clock.tick(29 * day);
    expect(rings()).to.equal(0);
    clock.tick(day);
    expect(rings()).to.equal(1);
  });
});

describe('RefreshTimerController', () => {
  const setUp = (seconds: number) => {
    const host = new FakeHost();
    const options = { interval: () => seconds, ticks: 0 };
    const timer = new RefreshTimerController(host, {
      interval: () => options.interval(),
      onTick: () => options.ticks++,
    });
    host.connect();
    return { host, timer, options };
  };

  it("ticks at the interval while connected, updates the host, and stops when it's disconnected", () => {
    const { host, options } = setUp(30);
    clock.tick(29_999);
    expect(options.ticks).to.equal(0);
    clock.tick(1);
    expect(options.ticks).to.equal(1);
    expect(host.updates).to.equal(1);
    clock.tick(60_000);
    expect(options.ticks).to.equal(3);
    host.disconnect();
    clock.tick(120_000);
    expect(options.ticks).to.equal(3);
    expect(clock.pending).to.equal(0);
  });

  it('is off for an interval of 0, and restart() starts a fresh interval with the current value', () => {
    const { timer, options } = setUp(0);
    clock.tick(600_000);
    expect(options.ticks).to.equal(0);
    options.interval = () => 10;
    timer.restart();
    clock.tick(9000);
    timer.restart(); // a manual refresh: the next tick is a whole interval later
    clock.tick(9000);
    expect(options.ticks).to.equal(0);
    clock.tick(1000);
    expect(options.ticks).to.equal(1);
    options.interval = () => 0; // read again after each tick
    clock.tick(60_000);
    expect(options.ticks).to.equal(2);
    clock.tick(60_000);
    expect(options.ticks).to.equal(2);
  });

  it('pauses while the page is hidden and catches up at once when it shows, if a tick was missed', () => {
    const { options } = setUp(10);
    setVisibility(false);
    clock.tick(35_000);
    expect(options.ticks).to.equal(0);
    setVisibility(true);
    clock.tick(0);
    expect(options.ticks).to.equal(1);
    clock.tick(10_000);
    expect(options.ticks).to.equal(2);
    // Hidden and shown again before the tick was due: it comes at its time, not at once.
    clock.tick(4000);
    setVisibility(false);
    setVisibility(true);
    clock.tick(5999);
    expect(options.ticks).to.equal(2);
    clock.tick(1);
    expect(options.ticks).to.equal(3);
  });
});

describe('RetryController', () => {
  const setUp = () => {
    const host = new FakeHost();
    let retries = 0;
    // random() = 0: each delay is half its exponential step (1 s, 2 s, 4 s… from a 2 s base).
    const backoff = new Backoff({ baseMs: 2000, maxMs: 16_000, random: () => 0 });
    const retry = new RetryController(host, { onRetry: () => (retries += 1), backoff });
    host.connect();
    return { host, retry, backoff, retries: () => retries };
  };

  it('retries after growing delays, never before the Retry-After asked for, and returns when', () => {
    const { retry, retries } = setUp();
    expect(retry.schedule()).to.equal(clock.now + 1000);
    clock.tick(1000);
    expect(retries()).to.equal(1);
    expect(retry.schedule()).to.equal(clock.now + 2000);
    clock.tick(2000);
    expect(retries()).to.equal(2);
    // A server shedding load asked for 10 s: the backoff's 4 s would be too early.
    const at = retry.schedule(10_000);
    expect(at).to.equal(clock.now + 10_000);
    clock.tick(9999);
    expect(retries()).to.equal(2);
    clock.tick(1);
    expect(retries()).to.equal(3);
  });

  it('updates the host every second while a retry is set (for the countdown), until cancelled', () => {
    const { host, retry, retries } = setUp();
    retry.schedule(5000);
    clock.tick(3000);
    expect(host.updates).to.equal(3);
    retry.cancel();
    clock.tick(10_000);
    expect(host.updates).to.equal(3);
    expect(retries()).to.equal(0);
    expect(clock.pending).to.equal(0);
  });

  it('a new failure replaces the pending retry; reset() starts again from the shortest delay', () => {
    const { retry, retries } = setUp();
    retry.schedule();
    retry.schedule();
    expect(retry.schedule()).to.equal(clock.now + 4000);
    clock.tick(4000);
    expect(retries(), 'only the last one').to.equal(1);
    retry.reset();
    expect(retry.schedule()).to.equal(clock.now + 1000);
  });

  it('pauses while the page is hidden and retries at once when it shows, if overdue', () => {
    const { retry, retries } = setUp();
    retry.schedule(3000);
    setVisibility(false);
    clock.tick(10_000);
    expect(retries()).to.equal(0);
    setVisibility(true);
    clock.tick(0);
    expect(retries()).to.equal(1);
    setVisibility(false);
    setVisibility(true);
    clock.tick(10_000);
    expect(retries(), 'a retry is made once').to.equal(1);
  });

  it('clears everything when the host is disconnected', () => {
    const { host, retry, retries } = setUp();
    retry.schedule(3000);
    host.disconnect();
    expect(clock.pending).to.equal(0);
    clock.tick(10_000);
    host.connect();
    clock.tick(10_000);
    expect(retries()).to.equal(0);
  });
});
