// @ts-check
/**
 * `kz/no-raw-writes`: no write to the database except through the write
 * engine (main/core/write/), so that every change is audited, checked
 * against a closed year and captured for sync (issue 14). A write method
 * called on an EntityManager, a repository, a data source, a query runner, a
 * query builder or the drivers themselves (better-sqlite3, pg) is refused
 * elsewhere. It reads the receiver's TYPE, so `map.delete()` or
 * `hash.update()` are not mistaken for writes.
 */
const WRITE_METHODS = new Set([
  'insert', 'update', 'delete', 'save', 'query', 'remove', 'softDelete', 'softRemove', 'restore', 'recover',
  'upsert', 'increment', 'decrement', 'clear', 'exec', 'run', 'execute',
]);
const DATABASE_TYPES = /^(EntityManager|Repository|TreeRepository|DataSource|QueryRunner|\w*QueryBuilder|Database|Statement|Pool|PoolClient|Client|ReadableDb)$/;

/** @type {import('eslint').Rule.RuleModule} */
export const noRawWrites = {
  meta: {
    type: 'problem',
    docs: { description: 'Writes go through the Writer (main/core/write/writer.ts) only' },
    messages: {
      raw: '`{{method}}` on {{type}} writes past the Writer: write through ctx.write (main/core/write/writer.ts), which audits the change, checks the closed year and captures it for sync.',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return {};
    const checker = services.program.getTypeChecker();
    const typeName = (node) => {
      const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
      const names = [];
      const visit = (t) => {
        const symbol = t.aliasSymbol ?? t.getSymbol();
        if (symbol) names.push(symbol.getName());
        if (t.isUnionOrIntersection?.()) t.types.forEach(visit);
        for (const base of t.getBaseTypes?.() ?? []) visit(base);
      };
      visit(type);
      return names.find((n) => DATABASE_TYPES.test(n)) ?? null;
    };
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (!WRITE_METHODS.has(method)) return;
        const type = typeName(callee.object);
        if (type) context.report({ node: callee.property, messageId: 'raw', data: { method, type } });
      },
    };
  },
};

export default { rules: { 'no-raw-writes': noRawWrites } };
