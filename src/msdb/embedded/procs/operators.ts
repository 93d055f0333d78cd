import type { ProcDef } from '../context';

/** sp_help_operator: the operators (MSXOperator on a master), one or all, ordered by name. */
export const operatorsProcs: ProcDef[] = [
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
