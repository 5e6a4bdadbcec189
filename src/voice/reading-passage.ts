/**
 * The passage a person reads for their voice sample: Aesop's "The North Wind and the Sun" (public domain), the text
 * phoneticians use because it has every English sound. Read at a normal pace it takes about 35 seconds, more than
 * the 15 s of speech a sample needs; the tuned voice reads it back for the before/after preview and for tuning.
 */
export const READING_PASSAGE =
  "The North Wind and the Sun were disputing which was the stronger, when a traveller came along wrapped in a warm " +
  "cloak. They agreed that the one who first succeeded in making the traveller take his cloak off should be " +
  "considered stronger than the other. Then the North Wind blew as hard as he could, but the more he blew the more " +
  "closely did the traveller fold his cloak around him; and at last the North Wind gave up the attempt. Then the " +
  "Sun shone out warmly, and immediately the traveller took off his cloak. And so the North Wind was obliged to " +
  "confess that the Sun was the stronger of the two.";
