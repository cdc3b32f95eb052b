from logocheck.cli import main

main()
