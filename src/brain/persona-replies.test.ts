import { describe, expect, it } from "vitest";
import { personaReply } from "./persona-replies.js";
import { memoriesOf, testTwin } from "./test-twin.js";

const twin = testTwin();
const reply = (
  message: string,
  texts: string[] = [],
  history: { role: "user" | "assistant"; content: string }[] = [],
) => personaReply({ twin, memories: memoriesOf(twin.id, ...texts), history, message });

describe("the persona engine", () => {
  it("introduces itself in the first person from the biography", () => {
    const answer = reply("Who are you?");
    expect(answer).toMatch(/^I'm Ada\./);
    expect(answer).toContain("software engineer from Lisbon");
  });

  it("answers questions from facts and memories", () => {
    expect(reply("What's the name of your cat?")).toBe("I have a cat called Turing.");
    expect(reply("What did you study?")).toBe("I studied mathematics in Coimbra.");
    expect(reply("What is your favourite food?", ["My favourite food is ramen."])).toBe(
      "My favourite food is ramen.",
    );
  });

  it("answers a question about a topic with what it knows of it", () => {
    const family = ["My sister Ana lives in Berlin.", "My brother Tom is a chef."];
    const answer = reply("Tell me about your family", family);
    expect(answer).toContain("My sister Ana lives in Berlin.");
    expect(answer).toContain("My brother Tom is a chef.");
    expect(reply("What do you love?", ["I love sailing at dawn."])).toBe("I love sailing at dawn.");
    expect(reply("What is your job?")).toBe("I'm a software engineer from Lisbon.");
    expect(reply("Where are you from?")).toBe("I'm a software engineer from Lisbon.");
  });

  it("says yes or no first to a yes/no question it can answer", () => {
    expect(reply("Do you have a cat?")).toBe("Yes. I have a cat called Turing.");
    expect(reply("Do you like fish?", ["I don't like fish."])).toBe("No. I don't like fish.");
    expect(reply("Do you like horses?", ["I like fish."])).toMatch(/I don't know|I'm not sure/);
  });

  it("prefers the newest memory when two say the same kind of thing", () => {
    const answer = reply("What is your favourite food?", [
      "My favourite food is ramen.",
      "My favourite food is sushi.",
    ]);
    expect(answer).toMatch(/^My favourite food is sushi\./);
  });

  it("says it does not know, in character, and invites teaching", () => {
    const answer = reply("What is your favourite movie?");
    expect(answer).toMatch(/I don't know|I'm not sure/);
    expect(answer).toContain("remember that");
  });

  it("handles greetings, thanks, farewells and wellbeing", () => {
    expect(reply("Hello!")).toContain("Ada");
    expect(reply("Hello!", [], [{ role: "assistant", content: "Hi! I'm Ada." }])).not.toContain("I'm Ada");
    expect(reply("thank you")).toMatch(/welcome|Anytime/);
    expect(reply("goodbye")).toMatch(/Bye|See you/);
    expect(reply("how are you?")).toMatch(/\?$/);
    expect(reply("What's your name?")).toBe("My name is Ada.");
  });

  it("relates a statement to what it knows, or asks for more", () => {
    expect(reply("I went sailing yesterday")).toMatch(/sailing/);
    expect(reply("The weather was odd today")).toMatch(/more|else|on/i);
  });

  it("speaks in the register of its style", () => {
    const formal = testTwin({ persona: { ...twin.persona, style: "formal and precise" } });
    const answer = personaReply({ twin: formal, memories: [], history: [], message: "thanks" });
    expect(["You're very welcome.", "My pleasure."]).toContain(answer);
  });
});
