/**
 * The lab's region name, shared by the lab and its placeholder: a reader who jumps to the region
 * before the code arrives lands on the same box, and scrolling there is what loads it.
 */
export const LAB_LABEL = 'Sign-in lab'
