import { describe, expect, it } from 'vitest';
import { USER_ACTIVATION_MS, UserActivation } from './userActivation';

describe('user activation', () => {
  function clock() {
    const c = { now: 50_000 };
    return { c, activation: new UserActivation(() => c.now) };
  }

  it('is off until the user clicks, taps or presses a key', () => {
    const { activation } = clock();
    expect(activation.consume()).toBe(false);
    for (const type of ['mouseMove', 'mouseWheel', 'mouseEnter', 'keyUp', 'char', 'contextMenu']) {
      activation.note({ type });
      expect(activation.consume(), type).toBe(false);
    }
    for (const type of ['mouseDown', 'mouseUp', 'rawKeyDown', 'keyDown', 'gestureTap', 'touchEnd']) {
      activation.note({ type });
      expect(activation.consume(), type).toBe(true);
    }
  });

  it('ignores Escape and lone modifier keys', () => {
    const { activation } = clock();
    for (const keyCode of ['Escape', 'Shift', 'Control', 'Alt', 'Meta']) {
      activation.note({ type: 'rawKeyDown', keyCode });
      expect(activation.consume(), keyCode).toBe(false);
    }
    activation.note({ type: 'rawKeyDown', keyCode: 'Enter' });
    expect(activation.consume()).toBe(true);
  });

  it('lasts a few seconds and is used up by one link', () => {
    const { c, activation } = clock();
    activation.note({ type: 'mouseUp' });
    c.now += USER_ACTIVATION_MS;
    expect(activation.consume()).toBe(true);
    expect(activation.consume()).toBe(false);
    activation.note({ type: 'mouseUp' });
    c.now += USER_ACTIVATION_MS + 1;
    expect(activation.consume()).toBe(false);
  });
});
