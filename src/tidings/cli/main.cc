#include <cstdio>
int main() { std::puts("tidings: under construction"); return 0; }
