import { answerRequests } from "../../system/request-thread.js";
import { type DetectedFace, detectFace } from "./face-detector.js";

/** A face thread: the landmarker (tfjs on WASM, CPU-bound) run off the server's event loop, one photo at a time. */
answerRequests<Uint8Array, DetectedFace>((image) => detectFace(image));
