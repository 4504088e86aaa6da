/** The CLI's output layer: the one place that writes to the terminal. */
export const output = {
  line(text = ''): void {
    process.stdout.write(`${text}\n`);
  },
  /** Text exactly as given (a document already ending in its own newline, such as an export). */
  write(text: string): void {
    process.stdout.write(text);
  },
  error(text: string): void {
    process.stderr.write(`${text}\n`);
  },
};
