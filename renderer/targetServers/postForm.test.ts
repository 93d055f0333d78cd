import { describe, expect, it } from 'vitest';
import { validatePostForm, type PostForm } from './postForm';

const base: PostForm = { type: 'SET-POLL', interval: '120', jobId: '', recipients: 'these', checked: ['LONDON-SQL01', 'NYC-SQL02'] };

describe('Post Download Instructions form', () => {
  it('turns a valid form into the instruction it posts', () => {
    expect(validatePostForm(base).instruction).toEqual({ type: 'SET-POLL', pollInterval: 120, recipients: ['LONDON-SQL01', 'NYC-SQL02'] });
    expect(validatePostForm({ ...base, type: 'SYNC-TIME', recipients: 'all' }).instruction).toEqual({ type: 'SYNC-TIME', recipients: 'all' });
    expect(validatePostForm({ ...base, type: 'START', jobId: 'ABC' }).instruction).toEqual({ type: 'START', jobId: 'ABC', recipients: ['LONDON-SQL01', 'NYC-SQL02'] });
    expect(validatePostForm({ ...base, type: 'DEFECT', interval: 'x' }).instruction).toEqual({ type: 'DEFECT', recipients: ['LONDON-SQL01', 'NYC-SQL02'] });
  });

  it('refuses a polling interval outside 10..28,800 or not a whole number', () => {
    for (const interval of ['5', '9', '28801', '', '12.5', 'abc', '-20']) {
      const r = validatePostForm({ ...base, interval });
      expect(r.issues.interval, interval).toBe('range');
      expect(r.instruction).toBeNull();
    }
    for (const interval of ['10', '28800', ' 60 ']) expect(validatePostForm({ ...base, interval }).instruction).not.toBeNull();
  });

  it('needs a job for Start job and a recipient for These target servers', () => {
    expect(validatePostForm({ ...base, type: 'START' }).issues).toEqual({ job: 'required' });
    expect(validatePostForm({ ...base, checked: [] }).issues).toEqual({ recipients: 'required' });
    expect(validatePostForm({ ...base, checked: [], recipients: 'all' }).issues).toEqual({});
  });
});
