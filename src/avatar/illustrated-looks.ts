import { BadInputError } from "../core/errors.js";

/** A built-in illustrated face: colours and a few proportions; all drawn procedurally, so no asset licences. */
export interface IllustratedLook {
  name: string;
  label: string;
  background: string;
  skin: string;
  skinShadow: string;
  hair: string;
  hairStyle: "short" | "bun" | "bob";
  iris: string;
  lips: string;
  shirt: string;
  glasses: boolean;
}

export const ILLUSTRATED_LOOKS: readonly IllustratedLook[] = [
  {
    name: "sunny",
    label: "Sunny: warm skin, short brown hair",
    background: "#bfe3dd",
    skin: "#f2c29b",
    skinShadow: "#dba57f",
    hair: "#5a3a22",
    hairStyle: "short",
    iris: "#3f7cac",
    lips: "#c8686a",
    shirt: "#2f6f8f",
    glasses: false,
  },
  {
    name: "midnight",
    label: "Midnight: deep skin, hair in a bun, glasses",
    background: "#2d2a4a",
    skin: "#8d5a3b",
    skinShadow: "#6f4329",
    hair: "#1b1412",
    hairStyle: "bun",
    iris: "#4a2d17",
    lips: "#7a3b3f",
    shirt: "#c9a227",
    glasses: true,
  },
  {
    name: "meadow",
    label: "Meadow: light skin, red bob",
    background: "#f3e6c4",
    skin: "#f7d7c4",
    skinShadow: "#e3b59d",
    hair: "#b5482a",
    hairStyle: "bob",
    iris: "#4f7a3a",
    lips: "#d0707a",
    shirt: "#6a4c93",
    glasses: false,
  },
];

export { DEFAULT_LOOK } from "../core/twin.js";

export function illustratedLook(name: string): IllustratedLook {
  const look = ILLUSTRATED_LOOKS.find((each) => each.name === name);
  if (!look) {
    const names = ILLUSTRATED_LOOKS.map((each) => each.name).join(", ");
    throw new BadInputError(`unknown illustrated look "${name}" (choose one of: ${names})`);
  }
  return look;
}
