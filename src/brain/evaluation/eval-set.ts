/**
 * The built-in brain's evaluation set: personas of a short biography and a handful of facts, and questions asked the
 * way people ask them. `expect` lists words of the right fact (any one of them in the reply counts); `unknown` marks a
 * question nothing in the persona answers, where the only right reply is an honest "I don't know". Written before
 * the engine was tuned, from what a friend meeting the person would ask; `now` fixes "today" for ages.
 */
export interface EvalQuestion {
  question: string;
  expect?: string[];
  unknown?: true;
}

export interface EvalPersona {
  name: string;
  biography: string;
  style: string;
  facts: string[];
  questions: EvalQuestion[];
}

export const EVAL_NOW = new Date("2026-11-30T12:00:00Z");

const ask = (question: string, ...expect: string[]): EvalQuestion => ({ question, expect });
const unknown = (question: string): EvalQuestion => ({ question, unknown: true });

export const EVAL_PERSONAS: EvalPersona[] = [
  {
    name: "Ingrid",
    biography: "I'm Ingrid Larsen, a marine biologist at the University of Bergen. I was born in 1988.",
    style: "warm and brief",
    facts: [
      "I play the violin in a quartet.",
      "My favourite meal is pad thai.",
      "I have three sisters.",
      "I grew up in Oslo.",
      "My husband Erik is a carpenter.",
      "We have a dog called Pepper.",
      "I hate cold coffee.",
      "I run a marathon every autumn.",
    ],
    questions: [
      ask("Do you make music?", "violin"),
      ask("What do you like to eat?", "pad thai"),
      ask("Any siblings?", "sisters"),
      ask("Where are you from?", "Oslo"),
      ask("How old are you?", "38"),
      ask("What do you do for a living?", "marine biologist"),
      ask("Are you married?", "Erik"),
      ask("What's your husband's name?", "Erik"),
      ask("Do you have any pets?", "Pepper"),
      ask("What's your dog called?", "Pepper"),
      ask("Do you play an instrument?", "violin"),
      ask("What's your favourite food?", "pad thai"),
      ask("Where did you grow up?", "Oslo"),
      ask("When were you born?", "1988"),
      ask("What does your husband do?", "carpenter"),
      ask("Do you do any sports?", "marathon"),
      ask("How many sisters do you have?", "three"),
      ask("Where do you work?", "University of Bergen"),
      ask("Do you like coffee?", "cold coffee"),
      ask("What instrument do you play?", "violin"),
      ask("Tell me about your family.", "sisters", "Erik"),
      ask("Is there anything you can't stand?", "cold coffee"),
      ask("What is your job?", "marine biologist"),
      unknown("What's your favourite colour?"),
      unknown("Do you speak French?"),
      unknown("What car do you drive?"),
      unknown("What's your mother's name?"),
      unknown("Have you ever been to Japan?"),
      unknown("What did you study at university?"),
      unknown("What's your favourite book?"),
    ],
  },
  {
    name: "Tomás",
    biography: "I'm Tomás, a 52-year-old chef from Seville. I moved to Manchester in 2001.",
    style: "playful, dry humour",
    facts: [
      "I own a tapas restaurant called La Luna.",
      "My wife Clara teaches history.",
      "We have two kids, Lucía and Mateo.",
      "I have a grandson named Leo.",
      "I support Sevilla FC.",
      "I collect vintage vinyl records.",
      "I'm allergic to cats.",
      "I think everyone should learn to cook.",
      "My favourite film is Casablanca.",
    ],
    questions: [
      ask("How old are you?", "52"),
      ask("Where do you live?", "Manchester"),
      ask("Where were you born?", "Seville"),
      ask("What's your job?", "chef"),
      ask("Do you have children?", "Lucía"),
      ask("What are your kids called?", "Lucía"),
      ask("Are you a grandfather?", "Leo"),
      ask("Do you have grandchildren?", "Leo"),
      ask("Who is your wife?", "Clara"),
      ask("What does your wife do?", "history"),
      ask("Which football team do you support?", "Sevilla"),
      ask("Are you a football fan?", "Sevilla"),
      ask("Do you have any hobbies?", "vinyl"),
      ask("What do you do in your free time?", "vinyl"),
      ask("Do you have pets?", "allergic"),
      ask("Tell me about your restaurant.", "La Luna"),
      ask("What's your favourite movie?", "Casablanca"),
      ask("What do you think about cooking?", "learn to cook"),
      ask("When did you move to England?", "2001"),
      ask("What's your name?", "Tomás"),
      ask("What kind of food do you cook?", "tapas", "chef"),
      unknown("What's your favourite colour?"),
      unknown("Do you have a dog?"),
      unknown("What's your mother's name?"),
      unknown("How tall are you?"),
      unknown("What's your email address?"),
      unknown("Did you go to university?"),
      unknown("What's your favourite book?"),
      unknown("What time do you wake up?"),
      unknown("Who is your best friend?"),
    ],
  },
  {
    name: "Amara",
    biography: "I am Amara Okafor, a civil engineer. I was born on 3 March 1995 in Lagos, Nigeria.",
    style: "formal and precise",
    facts: [
      "I live in Toronto with my partner, Sam.",
      "I have a younger brother named Chidi.",
      "I studied civil engineering at the University of Waterloo.",
      "I speak English, Yoruba and French.",
      "In my spare time I paint watercolours.",
      "My favourite book is Things Fall Apart.",
      "I believe public transport should be free.",
      "I drive an old blue Volvo.",
    ],
    questions: [
      ask("How old are you?", "31"),
      ask("When is your birthday?", "3 March"),
      ask("Where were you born?", "Lagos"),
      ask("Where do you live?", "Toronto"),
      ask("Do you have a partner?", "Sam"),
      ask("Are you in a relationship?", "Sam"),
      ask("Any siblings?", "Chidi"),
      ask("What's your brother's name?", "Chidi"),
      ask("Where did you go to school?", "Waterloo"),
      ask("What did you study?", "civil engineering"),
      ask("Which languages do you speak?", "Yoruba"),
      ask("Do you speak French?", "French"),
      ask("What are your hobbies?", "watercolours"),
      ask("Do you like art?", "watercolours"),
      ask("What's your favourite book?", "Things Fall Apart"),
      ask("What do you like to read?", "Things Fall Apart"),
      ask("What do you think about public transport?", "free"),
      ask("What car do you drive?", "Volvo"),
      ask("What do you do for work?", "civil engineer"),
      ask("What's your profession?", "engineer"),
      ask("Where are you from?", "Lagos", "Nigeria"),
      ask("Tell me about yourself.", "engineer"),
      unknown("Do you have children?"),
      unknown("What's your favourite food?"),
      unknown("Do you have pets?"),
      unknown("What's your father's name?"),
      unknown("What music do you like?"),
      unknown("Have you been to Paris?"),
      unknown("What sport do you play?"),
      unknown("How tall are you?"),
    ],
  },
  {
    name: "Wei",
    biography: "I'm Wei Chen. I'm a retired nurse and I live in Vancouver.",
    style: "gentle, a little talkative",
    facts: [
      "My granddaughter Mei is six.",
      "I grow tomatoes and beans in my garden.",
      "I was married to Li for forty years.",
      "I love mahjong on Friday nights.",
      "I can't stand loud music.",
    ],
    questions: [
      ask("What did you do before you retired?", "nurse"),
      ask("Do you have grandchildren?", "Mei"),
      ask("How old is your granddaughter?", "six"),
      ask("Do you like gardening?", "tomatoes"),
      ask("What vegetables do you grow?", "tomatoes"),
      ask("Where do you live?", "Vancouver"),
      ask("Do you play any games?", "mahjong"),
      ask("What do you do on Friday nights?", "mahjong"),
      ask("Were you married?", "Li"),
      ask("Tell me about yourself.", "nurse"),
      unknown("How old are you?"),
      unknown("What's your favourite food?"),
      unknown("Do you have a cat?"),
      unknown("Where did you grow up?"),
      unknown("What's your daughter's name?"),
    ],
  },
];
