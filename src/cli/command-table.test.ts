import { describe, expect, it } from "vitest";
import { COMMANDS } from "./command-table.js";
import { createCliContext } from "./context.js";
import { main } from "./main.js";

const captured = () => {
  const output = { out: "", err: "" };
  return {
    output,
    sink: {
      out: (text: string) => {
        output.out += text;
      },
      err: (text: string) => {
        output.err += text;
      },
    },
  };
};

describe("the command table", () => {
  it("lists every command with the summary the command itself gives", async () => {
    const context = createCliContext({ env: {}, interactive: false });
    for (const entry of COMMANDS) {
      const command = (await entry.load())(context);
      expect(command.name()).toBe(entry.name);
      expect(command.description()).toBe(entry.summary);
    }
  });

  it("shows every command in --help, and refuses an unknown one in one line", async () => {
    const help = captured();
    expect(await main(["node", "aitwin", "--help"], { output: help.sink, env: {} })).toBe(0);
    for (const entry of COMMANDS) expect(help.output.out).toContain(entry.name);
    const unknown = captured();
    expect(await main(["node", "aitwin", "askk"], { output: unknown.sink, env: {} })).toBe(2);
    expect(unknown.output.err).toMatch(/^aitwin: unknown command 'askk'/);
  });
});
