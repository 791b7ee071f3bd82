// Splits editor text into statements at semicolons outside quotes, identifiers and comments, so
// "a;b" runs as two statements and 'x;y' stays one string.
export function splitStatements(text) {
  const out = [];
  let current = '';
  let quote = null;  // ', " or `
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      current += c;
      if (c === quote) {
        if (text[i + 1] === quote) { current += text[++i]; } else { quote = null; }
      }
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      current += '\n';
      continue;
    }
    if (c === '\'' || c === '"' || c === '`') quote = c;
    if (c === ';') {
      if (current.trim()) out.push(current.trim() + ';');
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim()) out.push(current.trim() + ';');
  return out;
}

// Queries (SELECT ...) go to /query-stream; every other statement to /ksql.
export function isQuery(statement) {
  return /^\s*(\(\s*)*select\b/i.test(statement);
}
