import { describe, expect, it } from 'vitest';
import { mentions } from './mention.ts';

describe('mentions', () => {
  it('finds a Latin name with or without @, in any case, as a whole word', () => {
    expect(mentions('hey @alice look', 'alice')).toBe(true);
    expect(mentions('ALICE?', 'alice')).toBe(true);
    expect(mentions('thanks, Alice.', 'alice')).toBe(true);
  });

  it('does not find a Latin name inside a longer word', () => {
    expect(mentions('malice aforethought', 'alice')).toBe(false);
    expect(mentions('alice_bot said so', 'alice')).toBe(false);
    expect(mentions('alices', 'alice')).toBe(false);
  });

  it('does not count an e-mail address as a mention', () => {
    expect(mentions('write to bob@alice.com', 'alice')).toBe(false);
    expect(mentions('bob@Alice', 'alice')).toBe(false);
    expect(mentions('team42@alice.org', 'alice')).toBe(false);
    expect(mentions('josé@alice.es', 'alice')).toBe(false);
  });

  it('finds @name after a space, a bracket or CJK text, and before punctuation', () => {
    expect(mentions('@alice', 'alice')).toBe(true);
    expect(mentions('(@alice)', 'alice')).toBe(true);
    expect(mentions('hi @alice, look', 'alice')).toBe(true);
    expect(mentions('谢谢@alice', 'alice')).toBe(true);
    expect(mentions('mail bob@alice.com, alice', 'alice')).toBe(true);
  });

  it('finds a bare CJK name inside CJK text, with no space around it', () => {
    expect(mentions('谢谢小明', '小明')).toBe(true);
    expect(mentions('小明你好', '小明')).toBe(true);
    expect(mentions('@小明 看一下', '小明')).toBe(true);
    expect(mentions('さくらさん、おはよう', 'さくら')).toBe(true);
    expect(mentions('カタカナのアキラです', 'アキラ')).toBe(true);
    expect(mentions('민수야 안녕', '민수')).toBe(true);
    expect(mentions('谢谢@小明', '小明')).toBe(true);
  });

  it('finds a Latin name written against CJK text', () => {
    expect(mentions('谢谢alice！', 'alice')).toBe(true);
    expect(mentions('alice你好', 'alice')).toBe(true);
  });

  it('finds no mention in text that lacks the name', () => {
    expect(mentions('谢谢小红', '小明')).toBe(false);
    expect(mentions('hello there', 'alice')).toBe(false);
    expect(mentions('anything', '')).toBe(false);
  });
});
