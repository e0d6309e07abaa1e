from icpa.cli import main

main()
