/**
 * The TypeScript compiler that ts-morph bundles, as plain module bindings: `import * as ts from './compiler.js'`.
 *
 * ts-morph exports the compiler as one object of about 2,500 getters. Every `ts.isIdentifier(node)`
 * through it is a property lookup in a dictionary-mode object and a getter call, and the facts walk
 * and the rules make millions of them: on 1,000 files that cost 40 % of the facts walk and 30 % of
 * the rules (bench/RESULTS.md). Read once here, each name is a constant binding the JIT can inline.
 * A name the engine starts to use is added here; the type checker says which.
 */
import { ts as bundled } from 'ts-morph';

export const {
  createSourceFile,
  flattenDiagnosticMessageText,
  forEachChild,
  getModifiers,
  isArrayBindingPattern,
  isArrayLiteralExpression,
  isArrayTypeNode,
  isArrowFunction,
  isAsExpression,
  isAwaitExpression,
  isBinaryExpression,
  isBindingElement,
  isBlock,
  isCallExpression,
  isCaseClause,
  isCatchClause,
  isClassDeclaration,
  isComputedPropertyName,
  isConditionalExpression,
  isConstructorDeclaration,
  isDefaultClause,
  isDeleteExpression,
  isDoStatement,
  isElementAccessExpression,
  isExportAssignment,
  isExportDeclaration,
  isExportSpecifier,
  isExpression,
  isExpressionStatement,
  isForInStatement,
  isForOfStatement,
  isForStatement,
  isFunctionDeclaration,
  isFunctionExpression,
  isFunctionLike,
  isGetAccessorDeclaration,
  isIdentifier,
  isIfStatement,
  isImportDeclaration,
  isIterationStatement,
  isMethodDeclaration,
  isModuleBlock,
  isNamedExports,
  isNamespaceImport,
  isNewExpression,
  isNonNullExpression,
  isNumericLiteral,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isParameter,
  isParenthesizedExpression,
  isPostfixUnaryExpression,
  isPrefixUnaryExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isRegularExpressionLiteral,
  isReturnStatement,
  isSatisfiesExpression,
  isSetAccessorDeclaration,
  isShorthandPropertyAssignment,
  isSourceFile,
  isSpreadAssignment,
  isSpreadElement,
  isStatement,
  isStringLiteral,
  isStringLiteralLike,
  isTaggedTemplateExpression,
  isTemplateExpression,
  isTemplateSpan,
  isTemplateTail,
  isThrowStatement,
  isTryStatement,
  isTypeAssertionExpression,
  isTypeOfExpression,
  isTypeOperatorNode,
  isTypeReferenceNode,
  isUnionTypeNode,
  isVariableDeclaration,
  isVariableDeclarationList,
  isVariableStatement,
  isVoidExpression,
  isWhileStatement,
  isYieldExpression,
  tokenToString,
} = bundled;

export const NodeFlags = bundled.NodeFlags;
export type NodeFlags = bundled.NodeFlags;
export const ScriptKind = bundled.ScriptKind;
export type ScriptKind = bundled.ScriptKind;
export const ScriptTarget = bundled.ScriptTarget;
export type ScriptTarget = bundled.ScriptTarget;
export const SyntaxKind = bundled.SyntaxKind;
export type SyntaxKind = bundled.SyntaxKind;

export type ArrowFunction = bundled.ArrowFunction;
export type AsExpression = bundled.AsExpression;
export type AwaitExpression = bundled.AwaitExpression;
export type BinaryExpression = bundled.BinaryExpression;
export type BindingName = bundled.BindingName;
export type Block = bundled.Block;
export type CallExpression = bundled.CallExpression;
export type ConstructorDeclaration = bundled.ConstructorDeclaration;
export type DiagnosticWithLocation = bundled.DiagnosticWithLocation;
export type ElementAccessExpression = bundled.ElementAccessExpression;
export type Expression = bundled.Expression;
export type FunctionDeclaration = bundled.FunctionDeclaration;
export type FunctionExpression = bundled.FunctionExpression;
export type GetAccessorDeclaration = bundled.GetAccessorDeclaration;
export type HasModifiers = bundled.HasModifiers;
export type Identifier = bundled.Identifier;
export type ImportDeclaration = bundled.ImportDeclaration;
export type IterationStatement = bundled.IterationStatement;
export type MethodDeclaration = bundled.MethodDeclaration;
export type NewExpression = bundled.NewExpression;
export type Node = bundled.Node;
export type NodeArray<T extends Node> = bundled.NodeArray<T>;
export type NonNullExpression = bundled.NonNullExpression;
export type ObjectBindingPattern = bundled.ObjectBindingPattern;
export type ObjectLiteralElementLike = bundled.ObjectLiteralElementLike;
export type ObjectLiteralExpression = bundled.ObjectLiteralExpression;
export type ParameterDeclaration = bundled.ParameterDeclaration;
export type ParenthesizedExpression = bundled.ParenthesizedExpression;
export type PropertyAccessExpression = bundled.PropertyAccessExpression;
export type PropertyDeclaration = bundled.PropertyDeclaration;
export type SatisfiesExpression = bundled.SatisfiesExpression;
export type SetAccessorDeclaration = bundled.SetAccessorDeclaration;
export type SourceFile = bundled.SourceFile;
export type Statement = bundled.Statement;
export type TaggedTemplateExpression = bundled.TaggedTemplateExpression;
export type TemplateHead = bundled.TemplateHead;
export type TemplateLiteral = bundled.TemplateLiteral;
export type TemplateMiddle = bundled.TemplateMiddle;
export type TemplateTail = bundled.TemplateTail;
export type TypeAssertion = bundled.TypeAssertion;
export type TypeNode = bundled.TypeNode;
export type VariableDeclaration = bundled.VariableDeclaration;
export type VariableStatement = bundled.VariableStatement;
