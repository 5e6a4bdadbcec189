import { describe, expect, it } from "vitest";
import { type StateChange, TurnStateMachine } from "./turn-state.js";

describe("the turn state machine", () => {
  it("follows a spoken turn and tells listeners", () => {
    const machine = new TurnStateMachine();
    const changes: StateChange[] = [];
    machine.onChange((change) => changes.push(change));
    for (const state of ["listening", "transcribing", "thinking", "speaking", "idle"] as const)
      machine.move(state);
    expect(changes.map((change) => `${change.from}>${change.to}`)).toEqual([
      "idle>listening",
      "listening>transcribing",
      "transcribing>thinking",
      "thinking>speaking",
      "speaking>idle",
    ]);
  });

  it("lets the user barge in while the twin speaks", () => {
    const machine = new TurnStateMachine();
    machine.move("thinking");
    machine.move("speaking");
    machine.move("listening");
    expect(machine.state).toBe("listening");
  });

  it("refuses transitions that make no sense", () => {
    const machine = new TurnStateMachine();
    expect(() => machine.move("speaking")).toThrow(/idle → speaking/);
    expect(() => machine.move("transcribing")).toThrow();
    expect(machine.state).toBe("idle");
    machine.move("idle");
    expect(machine.state).toBe("idle");
  });
});
