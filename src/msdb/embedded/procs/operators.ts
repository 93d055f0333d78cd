import type { ProcDef } from '../context';

/** sp_help_operator: the operators (MSXOperator on a master), one or all, ordered by name. */
export const operatorsProcs: ProcDef[] = [
  {
    // sp_add_operator (Make this a Master creates MSXOperator with it): sysadmin only; a name
    // that exists is 14261. Pager schedules and categories are accepted and not kept.
    name: 'sp_add_operator',
    handler: (ctx, args) => {
      if (!ctx.caller.isSysadmin) ctx.fail(15003, 'sysadmin');
      const name = String(args.name ?? '').trim();
      if (name === '') ctx.fail(14043, '@name');
      if (ctx.db.value('SELECT 1 FROM sysoperators WHERE name = ?', [name])) ctx.fail(14261, '@name', name);
      ctx.db.run('INSERT INTO sysoperators (name, enabled, email_address, pager_address, netsend_address) VALUES (?, ?, ?, ?, ?)', [
        name,
        args.enabled === null ? 1 : Number(args.enabled) ? 1 : 0,
        args.email_address,
        args.pager_address,
        args.netsend_address,
      ]);
      return { returnValue: 0 };
    },
  },
  {
    name: 'sp_help_operator',
    handler: (ctx, args) => {
      const name = args.operator_name === null ? null : String(args.operator_name).trim();
      const id = args.operator_id === null ? null : Number(args.operator_id);
      if (name !== null && !ctx.db.value('SELECT 1 FROM sysoperators WHERE name = ?', [name])) ctx.fail(14262, '@operator_name', name);
      if (id !== null && !ctx.db.value('SELECT 1 FROM sysoperators WHERE id = ?', [id])) ctx.fail(14262, '@operator_id', id);
      const rows = ctx.db.all(
        `SELECT o.id, o.name, o.enabled, o.email_address, o.pager_address, o.netsend_address, o.category_id,
                c.name AS category_name
           FROM sysoperators o LEFT JOIN syscategories c ON c.category_id = o.category_id AND c.category_class = 3
          WHERE (? IS NULL OR o.name = ?) AND (? IS NULL OR o.id = ?)
          ORDER BY o.name`,
        [name, name, id, id],
      );
      return { recordsets: [rows.map((r) => ({ ...r, category_name: r.category_name ?? '[Uncategorized]' }))] };
    },
  },
];
