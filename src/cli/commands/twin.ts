import { Command } from "commander";
import { ILLUSTRATED_LOOKS, illustratedLook } from "../../avatar/illustrated-looks.js";
import { applyMemoryCommand } from "../../brain/memory-actions.js";
import { asStatement } from "../../brain/perspective.js";
import { BadInputError } from "../../core/errors.js";
import type { TwinProfile } from "../../core/twin.js";
import type { CliContext } from "../context.js";
import { type MotionFlags, motionFromFlags, withMotionFlags } from "../motion-flags.js";
import { printJson } from "../output.js";
import { twinInterviewCommand } from "./twin-interview.js";
import { importCommand, knowledgeCommand } from "./twin-knowledge.js";
import { twinVoiceCommand } from "./twin-voice.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function twinCommand(context: CliContext): Command {
  const twin = new Command("twin").description("manage twins: persona, voice and memory");

  twin
    .command("create")
    .description("create a twin")
    .argument("<name>", "the person's name")
    .option("--id <id>", "choose the id (letters, digits, - and _)")
    .option("--bio <text>", "biography, in the first person")
    .option("--style <text>", "how the person speaks")
    .option("--fact <text>", "a fact about the person (repeatable)", collect)
    .option("--voice <id>", "voice id of the speech provider")
    .option("--json", "print the twin as JSON")
    .action(async (name: string, options: TwinOptions & { id?: string; json?: boolean }) => {
      const app = await context.app();
      const created = await app.store.twins.create({
        id: options.id,
        name: requireText(name, "name"),
        persona: { biography: options.bio ?? "", style: options.style ?? "", facts: options.fact ?? [] },
        voice: options.voice ? { id: options.voice } : {},
      });
      if (options.json) printJson(context.output, created);
      else context.output.out(`created twin ${created.id} (${created.name})\n`);
    });

  twin
    .command("list")
    .description("list twins")
    .option("--json", "machine-readable output")
    .action(async (options: { json?: boolean }) => {
      const app = await context.app();
      const twins = await app.store.twins.list();
      if (options.json) return printJson(context.output, twins);
      for (const each of twins) context.output.out(`${each.id.padEnd(20)} ${each.name}\n`);
    });

  twin
    .command("show")
    .description("show a twin's persona and memories")
    .argument("[id]", "twin id (default: the default twin)")
    .option("--json", "machine-readable output")
    .action(async (id: string | undefined, options: { json?: boolean }) => {
      const app = await context.app();
      const shown = await app.twin(id);
      const memories = await app.store.memories.list(shown.id);
      if (options.json) return printJson(context.output, { ...shown, memories });
      context.output.out(
        describe(
          shown,
          memories.map((memory) => `${memory.id}  ${memory.text}`),
        ),
      );
    });

  const edit = twin
    .command("edit")
    .description("change a twin's name, persona, voice, look, or how its face moves")
    .argument("[id]", "twin id (default: the default twin)")
    .option("--name <name>", "new name")
    .option("--bio <text>", "new biography")
    .option("--style <text>", "new speaking style")
    .option("--fact <text>", "replace the facts with these (repeatable)", collect)
    .option("--add-fact <text>", "add a fact (repeatable)", collect)
    .option("--voice <id>", "voice id")
    .option("--rate <n>", "speaking rate, 0.5–2", Number)
    .option("--look <name>", `illustrated look: ${ILLUSTRATED_LOOKS.map((each) => each.name).join(", ")}`);
  withMotionFlags(edit).action(
    async (id: string | undefined, options: TwinOptions & EditOptions & MotionFlags) => {
      const app = await context.app();
      const current = await app.twin(id);
      if (options.rate !== undefined && !(options.rate >= 0.5 && options.rate <= 2)) {
        throw new BadInputError("--rate must be a number from 0.5 to 2");
      }
      const motion = motionFromFlags(options);
      const facts = options.fact ?? current.persona.facts;
      const updated = await app.store.twins.update(current.id, {
        name: options.name === undefined ? undefined : requireText(options.name, "name"),
        persona: {
          biography: options.bio,
          style: options.style,
          facts: options.fact || options.addFact ? [...facts, ...(options.addFact ?? [])] : undefined,
        },
        face:
          options.look === undefined
            ? undefined
            : { kind: "illustrated", look: illustratedLook(options.look).name },
        voice:
          options.voice || options.rate !== undefined
            ? {
                ...current.voice,
                id: options.voice ?? current.voice.id,
                rate: options.rate ?? current.voice.rate,
              }
            : undefined,
        motion,
      });
      context.output.out(`updated twin ${updated.id} (${updated.name})\n`);
    },
  );

  twin
    .command("remember")
    .description('teach the twin something: aitwin twin remember "my favourite food is ramen"')
    .argument("<text...>", "what to remember, as the person would say it")
    .option("--twin <id>", "which twin")
    .action(async (words: string[], options: { twin?: string }) => {
      const app = await context.app();
      const target = await app.twin(options.twin);
      const statement = asStatement(requireText(words.join(" "), "text"));
      const reply = await applyMemoryCommand({ kind: "remember", statement }, target, app.store.memories);
      context.output.out(`${reply}\n`);
    });

  twin
    .command("forget")
    .description("make the twin forget a memory, by id or by what it says")
    .argument("<text...>", "a memory id (mem_…) or words of the memory")
    .option("--twin <id>", "which twin")
    .action(async (words: string[], options: { twin?: string }) => {
      const app = await context.app();
      const target = await app.twin(options.twin);
      const query = requireText(words.join(" "), "text");
      if (/^mem_\w+$/.test(query)) {
        const removed = await app.store.memories.remove(target.id, query);
        if (!removed) throw new BadInputError(`twin ${target.id} has no memory ${query}`);
        context.output.out(`forgot ${query}\n`);
        return;
      }
      context.output.out(
        `${await applyMemoryCommand({ kind: "forget", query }, target, app.store.memories)}\n`,
      );
    });

  twin
    .command("delete")
    .description("delete a twin with its memories, conversations and documents")
    .argument("<id>", "twin id")
    .action(async (id: string) => {
      const app = await context.app();
      await app.store.twins.require(id);
      await app.store.twins.delete(id);
      context.output.out(`deleted twin ${id}\n`);
    });

  twin.addCommand(twinInterviewCommand(context));

  twin.addCommand(importCommand(context));
  twin.addCommand(knowledgeCommand(context));
  twin.addCommand(twinVoiceCommand(context));
  return twin;
}

interface TwinOptions {
  bio?: string;
  style?: string;
  fact?: string[];
  voice?: string;
}

interface EditOptions {
  name?: string;
  look?: string;
  addFact?: string[];
  rate?: number;
}

function requireText(value: string, what: string): string {
  const text = value.trim();
  if (text === "") throw new BadInputError(`the ${what} is empty`);
  if (text.length > 4000)
    throw new BadInputError(`the ${what} is ${text.length} characters; the limit is 4000`);
  return text;
}

function describe(twin: TwinProfile, memories: string[]): string {
  const lines = [
    `${twin.name} (${twin.id})`,
    `biography: ${twin.persona.biography || "(none)"}`,
    `style:     ${twin.persona.style || "(none)"}`,
    `voice:     ${twin.voice.id ?? "(default)"}${twin.voice.rate ? ` at ${twin.voice.rate}×` : ""}`,
    `face:      ${twin.face.kind === "photo" ? `photo ${twin.face.mediaId}` : `illustrated (${twin.face.look})`}`,
    "facts:",
    ...(twin.persona.facts.length ? twin.persona.facts.map((fact) => `  - ${fact}`) : ["  (none)"]),
    "memories:",
    ...(memories.length ? memories.map((memory) => `  - ${memory}`) : ["  (none)"]),
  ];
  return `${lines.join("\n")}\n`;
}
