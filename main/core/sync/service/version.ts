/** The program's version, as the computers' files on the shared folder show it (kept equal to package.json's by a test). */
export const PROGRAM_VERSION = '0.1.0';
