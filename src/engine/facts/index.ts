import * as ts from '../compiler.js';
import { SyntaxKind } from '../compiler.js';
import {
  boundNames,
  calleeName,
  calleeObject,
  decomposeChain,
  isAsyncFunction,
  isChainEnd,
  isFunctionNode,
  lineOf,
  memberName,
  onceTarget,
  referencedNames,
  semanticParent,
  stringText,
  unwrap,
  usageOf,
  type Chain,
  type FunctionNode,
  type Usage,
} from './ast.js';
import {
  NODE_SYNC_LIBRARIES,
  constructOf,
  libraryOfModule,
  typeConstructOf,
  type Construct,
  type Library,
  type Role,
} from './libraries.js';
import { collectCallFacts, type CallFacts } from './calls.js';
import { bindParents } from '../parse-file.js';
import { classifyQuery, type QueryShape } from './queries.js';
import { moduleCollections, type CollectionFact } from './state.js';

/**
 * The shared semantic model of one file (DESIGN.md): computed in one walk of the compiler AST,
 * then queried by every rule. Precision lives here; rules do not re-derive it.
 */

export interface ImportBinding {
  local: string;
  module: string;
  /** `default`, `*` for a namespace import, or the imported name. */
  imported: string;
  library?: Library;
}

export type ContextKind =
  | 'route-handler'
  | 'job-processor'
  | 'listener'
  | 'shutdown-listener'
  | 'timer'
  | 'transaction'
  | 'array-callback'
  | 'promise-executor'
  | 'plugin';

export interface FunctionFact {
  node: FunctionNode;
  name?: string;
  parent?: FunctionFact;
  isAsync: boolean;
  kinds: Set<ContextKind>;
  /** The call this function is an argument of, if any. */
  argumentOf?: { call: ts.CallExpression | ts.NewExpression; index: number };
  /** Names declared in this function's own scope (parameters, variables): they live for one call. */
  locals: Set<string>;
}

export type LoopKind = 'for' | 'for-of' | 'for-in' | 'for-await' | 'while' | 'do' | 'array-callback';

export interface LoopFact {
  node: ts.Node;
  kind: LoopKind;
  /** For array callbacks: map, forEach, flatMap, filter, reduce … */
  method?: string;
  /** `Promise.all(xs.map(...))`: every iteration runs at once. */
  parallel: boolean;
  body: ts.Node;
  /** Names bound to the current item (for…of, callback parameters). */
  itemNames: Set<string>;
  /** Counter names of a `for (let i …)` loop: an item is `xs[i]`. */
  indexNames: Set<string>;
  /** Names assigned in the body but declared outside it: a cursor, an offset, a page. */
  reassigned: Set<string>;
  /** Iterates over slices of a collection (`values(chunk)` per chunk). */
  isChunk: boolean;
  /** A bounded attempt counter with try/catch, or a `while` retry. */
  isRetry: boolean;
  fn?: FunctionFact;
}

export interface CallSite {
  node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;
  fn?: FunctionFact;
  /** Enclosing loops inside the same function (array callbacks count as loops), innermost last. */
  loops: readonly LoopFact[];
}

export interface QueryFact extends CallSite {
  shape: QueryShape;
  chain?: Chain;
  /** Every argument along the chain (and template spans of a tagged query). */
  args: ts.Expression[];
}

export interface SyncCallFact extends CallSite {
  node: ts.CallExpression;
  library: Library;
  name: string;
  /**
   * `cached ??= readFileSync(…)`, `if (!cached) cached = …` on a variable that outlives the call
   * (module, instance or enclosing function): computed the first time only, not per call.
   */
  lazy: boolean;
}

export interface ConstructFact extends CallSite {
  node: ts.CallExpression | ts.NewExpression;
  construct: Construct;
  args: ts.Expression[];
  /** Where the result goes: a variable name, `this.x`, or nothing. */
  assignedTo?: string;
  /** `client ??= new Redis()`: created once, reused. */
  lazy: boolean;
}

export interface LocalCallFact extends CallSite {
  node: ts.CallExpression;
  target: FunctionFact;
}

export interface FileFacts extends CallFacts {
  path: string;
  source: ts.SourceFile;
  imports: Map<string, ImportBinding>;
  functions: FunctionFact[];
  loops: LoopFact[];
  calls: CallSite[];
  queries: QueryFact[];
  syncCalls: SyncCallFact[];
  constructs: ConstructFact[];
  localCalls: LocalCallFact[];
  /** Module-level arrays, maps, sets and object maps, with what grows and shrinks them. */
  collections: CollectionFact[];
  /** Properties set by assignment, by receiver text: `worker.concurrency = 8` → worker: {concurrency}. */
  propertyWrites: Map<string, Set<string>>;
  /** What happens to an expression's value: awaited, returned, stored, chained, dropped … */
  usageOf(node: ts.Expression): { usage: Usage; chainedWith?: string; parent?: ts.Node };
  /** The role a receiver text (`db`, `this.redis`) plays, from where it comes from. */
  roleOf(receiver: string): { role: Role; construct?: Construct } | undefined;
  /** The innermost function containing a node (undefined: module top level). */
  functionOf(node: ts.Node): FunctionFact | undefined;
  /** The call site of a call, `new` or tagged template of this file: its function and loops. */
  siteOf(node: ts.Node): CallSite | undefined;
  /**
   * What `compute` returns for this file, computed on the first call for `key` and kept with the
   * facts: for what a rule needs in both `applies` and `check`, or several rules share. Keep such
   * values here, not in a module-level WeakMap keyed by the facts: V8's young-generation collector
   * keeps the values of a long-lived WeakMap alive, and with them the file's syntax tree, in every
   * collection until a full one (bench/RESULTS.md).
   */
  memo<T>(key: object, compute: () => T): T;
  /** Runs per request, job, event or call (not only at start-up). */
  isHot(fn: FunctionFact | undefined): boolean;
  /** Runs at start-up: module top level, or only reached from there. */
  isStartup(fn: FunctionFact | undefined): boolean;
  dependsOnIteration(node: ts.Node, loop: LoopFact): boolean;
  /** Local functions that issue a database query themselves. */
  queriesIn(fn: FunctionFact): QueryFact[];
  line(node: ts.Node): number;
  text(node: ts.Node): string;
}

const ARRAY_CALLBACKS = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'use', 'route', 'addHook']);
const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'addEventListener']);
const TIMERS = new Set(['setInterval', 'setTimeout', 'setImmediate']);
const SHUTDOWN_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection']);
const TRANSACTION_METHODS = new Set(['transaction', '$transaction', 'begin']);
/** Fastify lifecycle hooks that run once, when the server starts or stops, not per request. */
const STARTUP_HOOKS = new Set(['onReady', 'onListen', 'onRoute', 'onRegister']);
const SHUTDOWN_HOOKS = new Set(['onClose', 'preClose']);
/** Callbacks that run during the call that receives them, as part of their caller's work. */
const INLINE_KINDS: readonly ContextKind[] = ['array-callback', 'promise-executor', 'transaction'];
const STARTUP_NAMES = /^(main|bootstrap|start(Server|App|Worker)?|init(ialize)?|setup|boot|configure|build(App|Server)|create(App|Server))$/;
const CHUNK_NAMES = /chunk|batch|page|slice|partition|group|part$/i;

interface RawCall {
  node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;
  fn?: FunctionFact;
  loops: readonly LoopFact[];
}

export function computeFacts(path: string, source: ts.SourceFile): FileFacts {
  const imports = new Map<string, ImportBinding>();
  const functions: FunctionFact[] = [];
  const functionByNode = new Map<ts.Node, FunctionFact>();
  const loops: LoopFact[] = [];
  const raw: RawCall[] = [];
  /** Initialisers of names (variables, properties, `x ??= …` assignments), for roles. */
  const inits: { name: string; init: ts.Expression; lazy: boolean }[] = [];
  const typed: { name: string; type: ts.TypeNode }[] = [];
  const localFunctions = new Map<string, FunctionFact>();
  /** Assignments and deletes, for module state. */
  const mutations: ts.Node[] = [];
  const propertyWrites = new Map<string, Set<string>>();

  const text = (node: ts.Node): string => node.getText(source);

  // ---- the one walk -------------------------------------------------------------------------
  let fn: FunctionFact | undefined;
  /** Loops enclosing the current node in its function, innermost last. Never changed in place: call sites keep it. */
  let loopStack: readonly LoopFact[] = NO_LOOPS;
  let pendingLoop: Map<ts.Node, LoopFact> = new Map();

  /**
   * The node whose children are being visited. The walk also sets every node's `parent` as it
   * enters it (the parser leaves them unset, `parseFile`): one walk of the tree instead of two.
   * So while a node is looked at, its ancestors have their parents and its descendants may not:
   * what the walk calls reads parents upwards only (`referencedNames` does not read them).
   */
  let current: ts.Node | undefined;
  const descend = (node: ts.Node): void => {
    const saved = current;
    current = node;
    ts.forEachChild(node, visit);
    current = saved;
  };

  // Called for every node of the file: one switch on the kind, and nothing allocated for the many
  // nodes that are not facts (bench/RESULTS.md, "Where the analysis time goes").
  const visit = (node: ts.Node): void => {
    (node as { parent: ts.Node | undefined }).parent = current;
    switch (node.kind) {
      case SyntaxKind.ImportDeclaration:
        recordImport(node as ts.ImportDeclaration);
        bindParents(node);
        return;
      case SyntaxKind.VariableDeclaration: {
        const declaration = node as ts.VariableDeclaration;
        if (fn) addBoundNames(declaration.name, fn.locals);
        recordDeclaration(declaration);
        break;
      }
      case SyntaxKind.PropertyDeclaration: {
        const property = node as ts.PropertyDeclaration;
        if (property.initializer) inits.push({ name: `this.${text(property.name)}`, init: property.initializer, lazy: false });
        if (property.type) typed.push({ name: `this.${text(property.name)}`, type: property.type });
        break;
      }
      case SyntaxKind.Parameter: {
        const parameter = node as ts.ParameterDeclaration;
        if (parameter.type && ts.isIdentifier(parameter.name)) {
          typed.push({ name: parameter.name.text, type: parameter.type });
          // `constructor(private readonly redis: Redis)` is also `this.redis`.
          if (ts.getModifiers(parameter)?.length) typed.push({ name: `this.${parameter.name.text}`, type: parameter.type });
        }
        break;
      }
      case SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        recordAssignment(binary);
        if (isAssignmentOperator(binary.operatorToken.kind)) mutations.push(node);
        break;
      }
      case SyntaxKind.DeleteExpression:
        mutations.push(node);
        break;
      case SyntaxKind.FunctionDeclaration:
      case SyntaxKind.FunctionExpression:
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.MethodDeclaration:
      case SyntaxKind.Constructor:
      case SyntaxKind.GetAccessor:
      case SyntaxKind.SetAccessor: {
        const fact = enterFunction(node as FunctionNode);
        const savedFn = fn;
        const savedLoops = loopStack;
        const arrayLoop = pendingLoop.get(node);
        fn = fact;
        // A function boundary ends the enclosing loops, except for the callback that is the loop's body.
        loopStack = arrayLoop ? [...savedLoops, arrayLoop] : NO_LOOPS;
        descend(node);
        fn = savedFn;
        loopStack = savedLoops;
        return;
      }
      case SyntaxKind.ForOfStatement:
      case SyntaxKind.ForInStatement:
      case SyntaxKind.ForStatement:
      case SyntaxKind.WhileStatement:
      case SyntaxKind.DoStatement: {
        const loop = loopOf(node as ts.IterationStatement);
        loops.push(loop);
        // The header (iterable, condition) runs in the enclosing scope; only the body iterates.
        const enclosing = loopStack;
        const saved = current;
        current = node;
        ts.forEachChild(node, (child) => {
          if (child === loop.body) {
            loopStack = [...enclosing, loop];
            visit(child);
            loopStack = enclosing;
          } else {
            visit(child);
          }
        });
        current = saved;
        return;
      }
      case SyntaxKind.CallExpression:
        raw.push({ node: node as ts.CallExpression, fn, loops: loopStack });
        maybeArrayLoop(node as ts.CallExpression);
        break;
      case SyntaxKind.NewExpression:
      case SyntaxKind.TaggedTemplateExpression:
        raw.push({ node: node as ts.NewExpression | ts.TaggedTemplateExpression, fn, loops: loopStack });
        break;
    }
    descend(node);
  };

  function enterFunction(node: FunctionNode): FunctionFact {
    const parent = semanticParent(node);
    let name: string | undefined;
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) name = node.name ? text(node.name) : undefined;
    else if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) name = parent.name.text;
    else if (parent && ts.isPropertyAssignment(parent)) name = text(parent.name);
    let argumentOf: FunctionFact['argumentOf'];
    if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent))) {
      const index = parent.arguments?.findIndex((arg) => unwrap(arg) === node) ?? -1;
      if (index >= 0) argumentOf = { call: parent, index };
    }
    // `{ handler: async (req) => … }` passed to `app.route({...})`.
    if (!argumentOf && parent && ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) {
      const holder = semanticParent(parent.parent);
      if (holder && (ts.isCallExpression(holder) || ts.isNewExpression(holder))) {
        const index = holder.arguments?.findIndex((arg) => unwrap(arg) === parent.parent) ?? -1;
        if (index >= 0) argumentOf = { call: holder, index };
      }
    }
    const fact: FunctionFact = { node, name, parent: fn, isAsync: isAsyncFunction(node), kinds: new Set(), argumentOf, locals: new Set() };
    for (const param of node.parameters) boundNames(param.name).forEach((n) => fact.locals.add(n));
    functions.push(fact);
    functionByNode.set(node, fact);
    if (name && !localFunctions.has(name)) localFunctions.set(name, fact);
    if (pendingLoop.has(node)) fact.kinds.add('array-callback');
    return fact;
  }

  function recordImport(node: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(node.moduleSpecifier)) return;
    const module = node.moduleSpecifier.text;
    const library = libraryOfModule(module);
    const clause = node.importClause;
    if (!clause) return;
    if (clause.name) imports.set(clause.name.text, { local: clause.name.text, module, imported: 'default', library });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      imports.set(bindings.name.text, { local: bindings.name.text, module, imported: '*', library });
    } else if (bindings) {
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        imports.set(element.name.text, { local: element.name.text, module, imported, library });
      }
    }
  }

  function recordDeclaration(node: ts.VariableDeclaration): void {
    const init = node.initializer ? unwrap(node.initializer) : undefined;
    if (!init) return;
    // `const fs = require('fs')`, `const { readFileSync } = require('node:fs')`.
    const required = requiredModule(init);
    if (required) {
      const library = libraryOfModule(required);
      if (ts.isIdentifier(node.name)) imports.set(node.name.text, { local: node.name.text, module: required, imported: '*', library });
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const element of node.name.elements) {
          if (!ts.isIdentifier(element.name)) continue;
          const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
          imports.set(element.name.text, { local: element.name.text, module: required, imported, library });
        }
      }
      return;
    }
    if (ts.isIdentifier(node.name)) inits.push({ name: node.name.text, init, lazy: false });
    if (node.type && ts.isIdentifier(node.name)) typed.push({ name: node.name.text, type: node.type });
  }

  function recordAssignment(node: ts.BinaryExpression): void {
    const op = node.operatorToken.kind;
    const lazy = op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken;
    if (op !== ts.SyntaxKind.EqualsToken && !lazy) return;
    const target = unwrap(node.left);
    if (ts.isPropertyAccessExpression(target)) {
      const receiver = text(unwrap(target.expression));
      propertyWrites.set(receiver, (propertyWrites.get(receiver) ?? new Set()).add(target.name.text));
    }
    if (ts.isIdentifier(target) || (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword)) {
      inits.push({ name: text(target), init: unwrap(node.right), lazy });
    }
  }

  /** The fact of a `for`, `for…of`, `for…in`, `while` or `do` statement. */
  function loopOf(node: ts.IterationStatement): LoopFact {
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      const isAwait = ts.isForOfStatement(node) && !!node.awaitModifier;
      const loop = new Loop(node, isAwait ? 'for-await' : ts.isForOfStatement(node) ? 'for-of' : 'for-in', node.statement, fn);
      const init = node.initializer;
      if (ts.isVariableDeclarationList(init)) for (const d of init.declarations) boundNames(d.name).forEach((n) => loop.itemNames.add(n));
      else referencedNames(init).forEach((n) => loop.itemNames.add(n));
      loop.isChunk = isChunkIterable(node.expression) || [...loop.itemNames].some((n) => CHUNK_NAMES.test(n));
      return loop;
    }
    if (ts.isForStatement(node)) {
      const loop = new Loop(node, 'for', node.statement, fn);
      const init = node.initializer;
      if (init && ts.isVariableDeclarationList(init)) for (const d of init.declarations) boundNames(d.name).forEach((n) => loop.indexNames.add(n));
      const step = node.incrementor && unwrap(node.incrementor);
      // `i += size` walks a collection in slices.
      loop.isChunk = !!step && ts.isBinaryExpression(step) && step.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken &&
        !(ts.isNumericLiteral(step.right) && step.right.text === '1');
      loop.isRetry = hasTry(node.statement) && !usesIndexAsSubscript(node.statement, loop.indexNames);
      return loop;
    }
    if (ts.isWhileStatement(node) || ts.isDoStatement(node)) {
      const loop = new Loop(node, ts.isWhileStatement(node) ? 'while' : 'do', node.statement, fn);
      loop.isRetry = hasTry(node.statement);
      return loop;
    }
    throw new TypeError(`not a loop: ${ts.SyntaxKind[node.kind]}`);
  }

  function maybeArrayLoop(call: ts.CallExpression): void {
    const method = calleeName(call);
    if (!method || !ARRAY_CALLBACKS.has(method) || !calleeObject(call)) return;
    const callback = call.arguments[0] && unwrap(call.arguments[0]);
    if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return;
    const itemParam = method === 'reduce' ? callback.parameters[1] : callback.parameters[0];
    const loop = new Loop(call, 'array-callback', callback, fn, NO_NAMES);
    loop.method = method;
    loop.parallel = isInsidePromiseAll(call);
    if (itemParam) addBoundNames(itemParam.name, loop.itemNames);
    loop.isChunk = isChunkIterable(calleeObject(call)!) || [...loop.itemNames].some((n) => CHUNK_NAMES.test(n));
    loops.push(loop);
    pendingLoop.set(callback, loop);
  }

  visit(source);
  pendingLoop = new Map();

  // ---- roles: where each receiver comes from ------------------------------------------------
  const roles = new Map<string, { role: Role; construct?: Construct }>();
  const resolveConstruct = (expr: ts.Expression): Construct | undefined => {
    let inner = unwrap(expr);
    if (ts.isAwaitExpression(inner)) inner = unwrap(inner.expression);
    if (!ts.isCallExpression(inner) && !ts.isNewExpression(inner)) return undefined;
    return constructOfCallee(inner.expression);
  };
  const constructOfCallee = (calleeExpr: ts.Expression): Construct | undefined => {
    const callee = unwrap(calleeExpr);
    if (ts.isIdentifier(callee)) {
      const binding = imports.get(callee.text);
      return binding?.library ? constructOf(binding.library, binding.imported) : undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const binding = imports.get(callee.expression.text);
      if (binding?.library && (binding.imported === '*' || binding.imported === 'default')) {
        return constructOf(binding.library, binding.imported, callee.name.text);
      }
    }
    return undefined;
  };
  for (const { name, init } of inits) {
    const construct = resolveConstruct(init);
    if (construct) roles.set(name, { role: construct.role, construct });
  }
  for (const { name, type } of typed) {
    if (roles.has(name)) continue;
    const construct = typeConstruct(type);
    if (construct) roles.set(name, { role: construct.role, construct });
  }
  // `const db2 = db` style aliases of known clients.
  for (const { name, init } of inits) {
    if (!roles.has(name) && (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) && roles.has(text(init))) {
      roles.set(name, roles.get(text(init))!);
    }
  }

  function typeConstruct(type: ts.TypeNode): Construct | undefined {
    if (ts.isUnionTypeNode(type)) {
      for (const member of type.types) {
        const found = typeConstruct(member);
        if (found) return found;
      }
      return undefined;
    }
    if (!ts.isTypeReferenceNode(type)) return undefined;
    const name = type.typeName;
    if (ts.isIdentifier(name)) {
      const binding = imports.get(name.text);
      return binding?.library ? typeConstructOf(binding.library, binding.imported) : undefined;
    }
    if (ts.isIdentifier(name.left)) {
      const binding = imports.get(name.left.text);
      return binding?.library ? typeConstructOf(binding.library, binding.imported, name.right.text) : undefined;
    }
    return undefined;
  }

  // ---- contexts: what each function is -------------------------------------------------------
  const functionNamed = (expr: ts.Expression | undefined): FunctionFact | undefined => {
    if (!expr) return undefined;
    const inner: ts.Node = unwrap(expr);
    if (isFunctionNode(inner)) return functionByNode.get(inner);
    if (ts.isIdentifier(inner)) return localFunctions.get(inner.text);
    if (ts.isPropertyAccessExpression(inner) && inner.expression.kind === ts.SyntaxKind.ThisKeyword) return localFunctions.get(inner.name.text);
    return undefined;
  };
  const markArgs = (call: ts.CallExpression | ts.NewExpression, kind: ContextKind, from = 0): void => {
    const args = call.arguments ?? [];
    for (let i = from; i < args.length; i++) {
      const arg = unwrap(args[i]!);
      const target = functionNamed(arg);
      if (target) target.kinds.add(kind);
      else if (ts.isObjectLiteralExpression(arg)) {
        for (const prop of arg.properties) {
          const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isMethodDeclaration(prop) ? prop : undefined;
          const inner = value && functionNamed(value as ts.Expression);
          if (inner && prop.name && /^(handler|preHandler|onRequest|preValidation|onSend)$/.test(text(prop.name))) inner.kinds.add(kind);
        }
      }
    }
  };
  const routeRegistrations: RawCall[] = [];
  for (const call of raw) {
    const node = call.node;
    if (ts.isTaggedTemplateExpression(node)) continue;
    if (ts.isNewExpression(node)) {
      const construct = constructOfCallee(node.expression);
      if (construct?.role === 'worker') markArgs(node, 'job-processor', 1);
      const callee = unwrap(node.expression);
      if (ts.isIdentifier(callee) && callee.text === 'Promise') markArgs(node, 'promise-executor');
      continue;
    }
    const name = calleeName(node);
    const receiver = calleeObject(node);
    if (!name) continue;
    const hook = name === 'addHook' && node.arguments[0] ? stringText(node.arguments[0]) : undefined;
    if (receiver && hook && (STARTUP_HOOKS.has(hook) || SHUTDOWN_HOOKS.has(hook))) {
      markArgs(node, SHUTDOWN_HOOKS.has(hook) ? 'shutdown-listener' : 'plugin', 1);
    } else if (isPluginRegistration(node, name, receiver)) {
      markArgs(node, 'plugin');
    } else if (receiver && ROUTE_METHODS.has(name) && isRouteRegistration(node, name, receiver)) {
      markArgs(node, 'route-handler');
      routeRegistrations.push(call);
    } else if (receiver && LISTEN_METHODS.has(name)) {
      const event = node.arguments[0] && ts.isStringLiteralLike(node.arguments[0]) ? node.arguments[0].text : '';
      markArgs(node, SHUTDOWN_EVENTS.has(event) ? 'shutdown-listener' : 'listener', 1);
    } else if (!receiver && TIMERS.has(name)) {
      markArgs(node, 'timer');
    } else if (receiver && TRANSACTION_METHODS.has(name)) {
      const cb = functionNamed(node.arguments[0]);
      if (cb) {
        cb.kinds.add('transaction');
        const param = cb.node.parameters[0];
        if (param && ts.isIdentifier(param.name)) roles.set(param.name.text, roles.get(text(receiver)) ?? { role: 'db' });
      }
    }
  }
  for (const registration of routeRegistrations) {
    if (registration.fn && !registration.fn.kinds.has('route-handler')) registration.fn.kinds.add('plugin');
  }

  function isRouteRegistration(call: ts.CallExpression, name: string, receiver: ts.Expression): boolean {
    if (roles.get(text(unwrap(receiver)))?.role === 'server') return true;
    const first = call.arguments[0] && unwrap(call.arguments[0]);
    const hasFunction = call.arguments.some((arg) => functionNamed(arg) !== undefined);
    if (name === 'route') return !!first && ts.isObjectLiteralExpression(first) && hasHandler(first);
    if (name === 'addHook') return !!first && ts.isStringLiteralLike(first) && hasFunction;
    // An unknown receiver registers a route when it is given a path and a function: `app.get('/x', fn)`.
    return !!first && ts.isStringLiteralLike(first) && first.text.startsWith('/') && hasFunction;
  }

  /**
   * A Fastify plugin runs once, while the server starts: `fp(async (app) => …)` from
   * fastify-plugin, or a function given to `app.register(…)`.
   */
  function isPluginRegistration(call: ts.CallExpression, name: string, receiver: ts.Expression | undefined): boolean {
    const first = call.arguments[0] && functionNamed(call.arguments[0]);
    if (!first) return false;
    if (!receiver) return imports.get(name)?.module === 'fastify-plugin';
    if (name !== 'register') return false;
    return roles.get(text(unwrap(receiver)))?.role === 'server' || isFunctionNode(unwrap(call.arguments[0]!));
  }

  function hasHandler(object: ts.ObjectLiteralExpression): boolean {
    return object.properties.some((p) => p.name && text(p.name) === 'handler');
  }

  // ---- call sites ----------------------------------------------------------------------------
  const calls: CallSite[] = raw;
  const queries: QueryFact[] = [];
  const syncCalls: SyncCallFact[] = [];
  const constructs: ConstructFact[] = [];
  const localCalls: LocalCallFact[] = [];
  const prismaReceivers = new Set<string>();

  const roleOfReceiver = (receiver: string) => roles.get(receiver);
  /** Chain ends that are not queries by their own verbs: Prisma's generic verbs are looked at again below. */
  const unclassified: { call: RawCall; node: ts.CallExpression; chain: Chain }[] = [];
  for (const call of raw) {
    const node = call.node;
    if (ts.isTaggedTemplateExpression(node)) {
      const shape = classifyQuery({ tagged: node, source, roleOf: roleOfReceiver, imports });
      if (shape) queries.push({ node, fn: call.fn, loops: call.loops, shape, args: templateArgs(node.template) });
      continue;
    }
    const construct = constructOfCallee(node.expression);
    if (construct) {
      const { assignedTo, lazy } = assignment(node);
      constructs.push({ node, fn: call.fn, loops: call.loops, construct, args: [...(node.arguments ?? [])], assignedTo, lazy });
      continue;
    }
    if (ts.isNewExpression(node)) continue;
    const sync = syncCallOf(node);
    if (sync) {
      syncCalls.push({ node, fn: call.fn, loops: call.loops, library: sync.library, name: sync.name, lazy: outlivesCall(onceTarget(node), call.fn) });
      continue;
    }
    if (isChainEnd(node)) {
      const chain = decomposeChain(node, source);
      const shape = classifyQuery({ chain, source, roleOf: roleOfReceiver, imports });
      if (shape) {
        if (shape.library === 'prisma') prismaReceivers.add(chain.rootText);
        queries.push({ node, fn: call.fn, loops: call.loops, shape, chain, args: chainArgs(chain) });
        continue;
      }
      unclassified.push({ call, node, chain });
    }
    const target = localTarget(node);
    if (target && target !== call.fn) localCalls.push({ node, fn: call.fn, loops: call.loops, target });
  }
  // Generic Prisma verbs (`create`, `update`, `count`) count once the receiver is known to be Prisma.
  if (prismaReceivers.size > 0) {
    for (const { call, node, chain } of unclassified) {
      if (!prismaReceivers.has(chain.rootText)) continue;
      const shape = classifyQuery({ chain, source, roleOf: roleOfReceiver, imports, prismaReceiver: true });
      if (shape) queries.push({ node, fn: call.fn, loops: call.loops, shape, chain, args: chainArgs(chain) });
    }
  }

  function assignment(node: ts.Node): { assignedTo?: string; lazy: boolean } {
    let parent = semanticParent(node);
    if (parent && ts.isAwaitExpression(parent)) parent = semanticParent(parent);
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return { assignedTo: parent.name.text, lazy: false };
    if (parent && ts.isPropertyDeclaration(parent)) return { assignedTo: `this.${text(parent.name)}`, lazy: false };
    if (parent && ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      const lazy = op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken;
      return { assignedTo: text(unwrap(parent.left)), lazy };
    }
    return { lazy: false };
  }

  function syncCallOf(node: ts.CallExpression): { library: Library; name: string } | undefined {
    const callee = unwrap(node.expression);
    let library: Library | undefined;
    let name: string | undefined;
    if (ts.isIdentifier(callee)) {
      const binding = imports.get(callee.text);
      if (binding?.library && binding.imported !== '*' && binding.imported !== 'default') {
        library = binding.library;
        name = binding.imported;
      }
    } else if (ts.isPropertyAccessExpression(callee)) {
      const object = unwrap(callee.expression);
      const module = ts.isIdentifier(object) ? imports.get(object.text) : undefined;
      if (module?.library && (module.imported === '*' || module.imported === 'default')) library = module.library;
      const required = requiredModule(object);
      if (required) library = libraryOfModule(required);
      name = callee.name.text;
    }
    if (!library || !name || !NODE_SYNC_LIBRARIES.has(library) || !name.endsWith('Sync')) return undefined;
    return { library, name };
  }

  /** Whether a value stored in `target` survives the call of `owner`: a module variable, a field, a closure. */
  function outlivesCall(target: ts.Expression | undefined, owner: FunctionFact | undefined): boolean {
    let root = target;
    while (root && (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root))) root = unwrap(root.expression);
    if (!root) return false;
    if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
    return ts.isIdentifier(root) && !owner?.locals.has(root.text);
  }

  function localTarget(node: ts.CallExpression): FunctionFact | undefined {
    const callee = unwrap(node.expression);
    if (ts.isIdentifier(callee) && !imports.has(callee.text)) return localFunctions.get(callee.text);
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return localFunctions.get(callee.name.text);
    }
    return undefined;
  }

  // ---- reachability: hot paths and start-up ---------------------------------------------------
  const callees = new Map<FunctionFact | undefined, Set<FunctionFact>>();
  for (const call of localCalls) {
    const set = callees.get(call.fn) ?? new Set();
    set.add(call.target);
    callees.set(call.fn, set);
  }
  const closure = (seeds: Iterable<FunctionFact>): Set<FunctionFact> => {
    const seen = new Set<FunctionFact>();
    const queue = [...seeds];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      for (const child of functions) {
        if (child.parent === next && (!child.argumentOf || INLINE_KINDS.some((k) => child.kinds.has(k)))) queue.push(child);
      }
      for (const callee of callees.get(next) ?? []) queue.push(callee);
    }
    return seen;
  };
  // A function that creates the app, a BullMQ worker or starts listening is wiring, run once:
  // `export async function startWorkers()` is start-up whatever its name.
  const wiring = new Set<FunctionFact>();
  for (const c of constructs) if (c.fn && (c.construct.role === 'server' || c.construct.role === 'worker')) wiring.add(c.fn);
  for (const call of raw) {
    if (call.fn && ts.isCallExpression(call.node) && calleeName(call.node) === 'listen' && calleeObject(call.node)) wiring.add(call.fn);
  }
  const startupSeeds = [...(callees.get(undefined) ?? [])].concat(
    functions.filter((f) => f.kinds.has('plugin') || wiring.has(f) || (f.name !== undefined && STARTUP_NAMES.test(f.name) && !f.parent)),
  );
  const startup = closure(startupSeeds.filter((f) => !isEntryPoint(f)));
  const hotSeeds = functions.filter((f) => isEntryPoint(f) || (f.isAsync && !startup.has(f) && !f.kinds.has('plugin') && !f.kinds.has('shutdown-listener')));
  const hot = closure(hotSeeds);

  function isEntryPoint(f: FunctionFact): boolean {
    return f.kinds.has('route-handler') || f.kinds.has('job-processor') || f.kinds.has('listener') || (f.kinds.has('timer') && !startupOnlyTimer(f));
  }
  function startupOnlyTimer(f: FunctionFact): boolean {
    // A one-shot `setTimeout` at top level is start-up work; an interval runs forever.
    return f.argumentOf !== undefined && calleeName(f.argumentOf.call) !== 'setInterval' && !f.parent;
  }

  const isHot = (f: FunctionFact | undefined): boolean => {
    for (let current = f; current; current = current.parent) {
      if (hot.has(current)) return true;
      if (current.kinds.has('shutdown-listener') || current.kinds.has('plugin')) return false;
    }
    return false;
  };
  const isStartup = (f: FunctionFact | undefined): boolean =>
    !f || (!isHot(f) && (startup.has(f) || (f.parent !== undefined && isStartup(f.parent))));

  // ---- iteration dependence -----------------------------------------------------------------
  const derivedCache = new Map<LoopFact, Set<string>>();
  const derivedNames = (loop: LoopFact): Set<string> => {
    let derived = derivedCache.get(loop);
    if (derived) return derived;
    derived = new Set(loop.itemNames);
    const walk = (child: ts.Node): void => {
      if (ts.isVariableDeclaration(child) && child.initializer && dependsDirectly(child.initializer, loop, derived!)) {
        boundNames(child.name).forEach((n) => derived!.add(n));
      }
      ts.forEachChild(child, walk);
    };
    walk(loop.body);
    derivedCache.set(loop, derived);
    return derived;
  };
  const dependsOnIteration = (node: ts.Node, loop: LoopFact): boolean => dependsDirectly(node, loop, derivedNames(loop));

  const queriesByFunction = new Map<FunctionFact, QueryFact[]>();
  for (const query of queries) {
    if (!query.fn) continue;
    const list = queriesByFunction.get(query.fn) ?? [];
    list.push(query);
    queriesByFunction.set(query.fn, list);
  }

  const queryNodes = new Set<ts.Node>(queries.map((q) => q.node));
  const plainCalls = raw.map((c) => c.node).filter((n): n is ts.CallExpression => ts.isCallExpression(n) && !queryNodes.has(n));
  const initByName = new Map(inits.map((i) => [i.name, i.init]));
  const callFacts = collectCallFacts({
    calls: plainCalls,
    text,
    roleOf: (r) => roles.get(r),
    imports,
    initOf: (name) => initByName.get(name),
  });

  /** Built on the first `siteOf`: several rules look up call sites, most files need none. */
  let sites: Map<ts.Node, CallSite> | undefined;
  let memos: Map<object, unknown> | undefined;
  // Every field written out: spreading `callFacts` here cost 28 µs a file (a slow path of V8's
  // object cloning), a sixth of the facts' time.
  return {
    redisCalls: callFacts.redisCalls,
    queueCalls: callFacts.queueCalls,
    mailCalls: callFacts.mailCalls,
    httpCalls: callFacts.httpCalls,
    listeners: callFacts.listeners,
    timers: callFacts.timers,
    collections: moduleCollections(source, plainCalls, mutations),
    propertyWrites,
    usageOf,
    path,
    source,
    imports,
    functions,
    loops,
    calls,
    queries,
    syncCalls,
    constructs,
    localCalls,
    roleOf: (receiver) => roles.get(receiver),
    siteOf: (node) => (sites ??= new Map(calls.map((site) => [site.node, site]))).get(node),
    memo: <T>(key: object, compute: () => T): T => {
      memos ??= new Map();
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
    functionOf: (node) => {
      for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
        const found = functionByNode.get(current);
        if (found) return found;
      }
      return undefined;
    },
    isHot,
    isStartup,
    dependsOnIteration,
    queriesIn: (f) => queriesByFunction.get(f) ?? [],
    line: (node) => lineOf(source, node.getStart(source)),
    text,
  };
}

function dependsDirectly(node: ts.Node, loop: LoopFact, names: Set<string>): boolean {
  const read = referencedNames(node);
  for (const name of read) if (names.has(name)) return true;
  if (loop.indexNames.size === 0) return false;
  // `items[i]` is the item of a counted loop; `offset + i * size` is not.
  let found = false;
  const walk = (child: ts.Node): void => {
    if (found) return;
    if (ts.isElementAccessExpression(child)) {
      for (const name of referencedNames(child.argumentExpression)) if (loop.indexNames.has(name)) found = true;
    }
    ts.forEachChild(child, walk);
  };
  walk(node);
  return found;
}

function requiredModule(node: ts.Expression): string | undefined {
  const inner = unwrap(node);
  if (
    ts.isCallExpression(inner) &&
    ts.isIdentifier(inner.expression) &&
    inner.expression.text === 'require' &&
    inner.arguments[0] &&
    ts.isStringLiteralLike(inner.arguments[0])
  ) {
    return inner.arguments[0].text;
  }
  return undefined;
}

const NO_LOOPS: readonly LoopFact[] = Object.freeze([]);
const NO_NAMES: Set<string> = new Set();

/**
 * A loop's fact. Its `reassigned` names need a walk of its body, and only the rules that look at a
 * call inside the loop ask for them: the walk happens on the first read, once.
 *
 * The lazy read is a getter of the class, not one defined on each object: an accessor defined per
 * object gives every loop a hidden class of its own, and those classes kept dead syntax trees
 * alive through young-generation collections, a sixth of the analysis time (bench/RESULTS.md).
 */
class Loop implements LoopFact {
  method: string | undefined = undefined;
  parallel = false;
  readonly itemNames = new Set<string>();
  readonly indexNames = new Set<string>();
  isChunk = false;
  isRetry = false;

  constructor(
    readonly node: ts.Node,
    readonly kind: LoopKind,
    readonly body: ts.Node,
    readonly fn: FunctionFact | undefined,
    private names?: Set<string>,
  ) {}

  get reassigned(): Set<string> {
    return (this.names ??= reassignedIn(this.body));
  }
}

/** Names assigned in `body` (`=`, `+=`, `++`) but declared outside it: a cursor, an offset, a page. */
function reassignedIn(body: ts.Node): Set<string> {
  const reassigned = new Set<string>();
  const declaredInside = new Set<string>();
  const walk = (child: ts.Node): void => {
    if (ts.isVariableDeclaration(child)) addBoundNames(child.name, declaredInside);
    if (ts.isBinaryExpression(child) && isAssignmentOperator(child.operatorToken.kind)) {
      const target = unwrap(child.left);
      if (ts.isIdentifier(target)) reassigned.add(target.text);
    }
    if ((ts.isPrefixUnaryExpression(child) || ts.isPostfixUnaryExpression(child)) && ts.isIdentifier(child.operand)) {
      reassigned.add(child.operand.text);
    }
    ts.forEachChild(child, walk);
  };
  walk(body);
  for (const name of declaredInside) reassigned.delete(name);
  return reassigned;
}

function addBoundNames(name: ts.BindingName, into: Set<string>): void {
  if (name.kind === SyntaxKind.Identifier) into.add(name.text);
  else for (const bound of boundNames(name)) into.add(bound);
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function hasTry(statement: ts.Statement): boolean {
  if (ts.isTryStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.some((s) => ts.isTryStatement(s));
}

function usesIndexAsSubscript(body: ts.Node, indexNames: Set<string>): boolean {
  let found = false;
  const walk = (child: ts.Node): void => {
    if (found) return;
    if (ts.isElementAccessExpression(child) && [...referencedNames(child.argumentExpression)].some((n) => indexNames.has(n))) found = true;
    ts.forEachChild(child, walk);
  };
  walk(body);
  return found;
}

function isChunkIterable(expr: ts.Expression): boolean {
  const inner = unwrap(expr);
  if (ts.isCallExpression(inner)) {
    const name = calleeName(inner);
    return !!name && /chunk|batch|partition|paginate|split|inGroupsOf/i.test(name);
  }
  if (ts.isIdentifier(inner)) return /chunks|batches|pages|partitions|slices|groups/i.test(inner.text);
  return false;
}

function isInsidePromiseAll(call: ts.CallExpression): boolean {
  const parent = semanticParent(call);
  if (!parent || !ts.isCallExpression(parent)) return false;
  const callee = unwrap(parent.expression);
  return ts.isPropertyAccessExpression(callee) && /^(all|allSettled|any|race)$/.test(callee.name.text) &&
    ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
}

function chainArgs(chain: Chain): ts.Expression[] {
  const args: ts.Expression[] = [];
  for (const link of chain.links) for (const arg of link.call.arguments) args.push(arg);
  return args;
}

function templateArgs(template: ts.TemplateLiteral): ts.Expression[] {
  return ts.isTemplateExpression(template) ? template.templateSpans.map((span) => span.expression) : [];
}

export { memberName };
