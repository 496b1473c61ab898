/** Test helpers: load Stash's real schema from the shared folder, and list where a subset SDL departs from it. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from "graphql";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** `../shared` beside the project root, or $STASH2PLEX_SHARED. */
export function sharedDir(): string {
  return process.env.STASH2PLEX_SHARED ?? resolve(REPO_ROOT, "../shared");
}

export function realStashSchemaSdl(): string {
  const dir = join(sharedDir(), "stash-schema");
  const typesDir = join(dir, "types");
  const typeFiles = readdirSync(typesDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(join(typesDir, f), "utf8"));
  return [readFileSync(join(dir, "schema.graphql"), "utf8"), ...typeFiles].join("\n");
}

export function fakeSubsetSdl(): string {
  return readFileSync(join(REPO_ROOT, "test/fakes/stash/schema.graphql"), "utf8");
}

export const loadRealSchema = (): GraphQLSchema => buildSchema(realStashSchemaSdl());

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return "object";
  if (isInputObjectType(type)) return "input";
  if (isEnumType(type)) return "enum";
  if (isScalarType(type)) return "scalar";
  if (isInterfaceType(type)) return "interface";
  if (isUnionType(type)) return "union";
  return "unknown";
}

type Member = GraphQLArgument | GraphQLInputField;
const isRequired = (m: Member) => isNonNullType(m.type) && m.defaultValue === undefined;

/** Subset members must exist with the same type; required real members must be in the subset. */
function compareMembers(where: string, subset: readonly Member[], real: readonly Member[]): string[] {
  const problems: string[] = [];
  const realByName = new Map(real.map((m) => [m.name, m]));
  for (const member of subset) {
    const match = realByName.get(member.name);
    if (!match) problems.push(`${where}.${member.name} does not exist in Stash`);
    else if (String(match.type) !== String(member.type)) {
      problems.push(`${where}.${member.name} is ${member.type} here but ${match.type} in Stash`);
    }
  }
  const subsetNames = new Set(subset.map((m) => m.name));
  for (const member of real) {
    if (isRequired(member) && !subsetNames.has(member.name)) {
      problems.push(`${where}.${member.name} is required in Stash but missing here`);
    }
  }
  return problems;
}

function compareFields(
  typeName: string,
  subset: Record<string, GraphQLField<unknown, unknown>>,
  real: Record<string, GraphQLField<unknown, unknown>>,
): string[] {
  const problems: string[] = [];
  for (const field of Object.values(subset)) {
    const match = real[field.name];
    if (!match) {
      problems.push(`${typeName}.${field.name} does not exist in Stash`);
      continue;
    }
    if (String(match.type) !== String(field.type)) {
      problems.push(`${typeName}.${field.name} is ${field.type} here but ${match.type} in Stash`);
    }
    problems.push(...compareMembers(`${typeName}.${field.name}(args)`, field.args, match.args));
  }
  return problems;
}

function compareType(type: GraphQLNamedType, real: GraphQLNamedType): string[] {
  if (kindOf(type) !== kindOf(real)) {
    return [`${type.name} is ${kindOf(type)} here but ${kindOf(real)} in Stash`];
  }
  if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(real) || isInterfaceType(real))) {
    return compareFields(type.name, type.getFields(), real.getFields());
  }
  if (isInputObjectType(type) && isInputObjectType(real)) {
    return compareMembers(type.name, Object.values(type.getFields()), Object.values(real.getFields()));
  }
  if (isEnumType(type) && isEnumType(real)) {
    const realValues = new Set(real.getValues().map((v) => v.name));
    return type
      .getValues()
      .filter((v) => !realValues.has(v.name))
      .map((v) => `${type.name}.${v.name} is not a value of the Stash enum`);
  }
  return [];
}

/** Every way `subset` is not a faithful subset of `real`; empty when it is. */
export function subsetProblems(subset: GraphQLSchema, real: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    const match = real.getType(type.name);
    if (!match) problems.push(`type ${type.name} does not exist in Stash`);
    else problems.push(...compareType(type, match));
  }
  return problems;
}
