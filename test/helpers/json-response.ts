/** A JSON answer of the emulator controls or the tool runners, its body typed by who answers. */
export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  json: T;
}
