/** The CLI's output layer: the one place that writes to the terminal. */
export const output = {
  line(text = ''): void {
    process.stdout.write(`${text}\n`);
  },
  error(text: string): void {
    process.stderr.write(`${text}\n`);
  },
};
